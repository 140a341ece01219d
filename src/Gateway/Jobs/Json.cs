using System.Text.Json;
using BatchCalling.Contacts;

namespace BatchCalling.Gateway.Jobs;

/// <summary>Stored JSON text back into values the responses carry.</summary>
internal static class Json
{
    public static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();

    /// <summary>The uploaded row as one object: <c>phone</c>, <c>name</c> when given, then every custom field as it came.</summary>
    public static JsonElement ContactData(ContactInput contact)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("phone", contact.Phone);
            if (contact.Name is not null)
            {
                json.WriteString("name", contact.Name);
            }

            if (contact.CustomFieldsJson is not null)
            {
                using var custom = JsonDocument.Parse(contact.CustomFieldsJson);
                foreach (var field in custom.RootElement.EnumerateObject())
                {
                    field.WriteTo(json);
                }
            }

            json.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }
}
