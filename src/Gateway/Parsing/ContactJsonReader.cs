using System.Text.Json;

namespace BatchCalling.Gateway.Parsing;

/// <summary>
/// Reads the <c>contacts</c> array of a JSON create: <c>phone</c>, optional <c>name</c>, and every other property kept
/// as-is (any JSON value). Rows are numbered by their 0-based index in the array.
/// </summary>
public static class ContactJsonReader
{
    public static ContactUpload Read(JsonElement contacts)
    {
        var upload = new ContactUploadBuilder();
        var row = 0;
        foreach (var contact in contacts.EnumerateArray())
        {
            if (upload.TooMany)
            {
                break;
            }

            var index = row++;
            if (contact.ValueKind != JsonValueKind.Object)
            {
                upload.Add(index, null, null, null);
                continue;
            }

            upload.Add(index, Text(contact, "phone"), Text(contact, "name"), CustomFieldsJson(contact));
        }

        return upload.Build();
    }

    /// <summary>A property as text: strings as they are, other values as their JSON, absent or null as null.</summary>
    private static string? Text(JsonElement contact, string name) =>
        contact.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    private static string? CustomFieldsJson(JsonElement contact)
    {
        var custom = contact.EnumerateObject().Where(p => p.Name is not ("phone" or "name")).ToList();
        if (custom.Count == 0)
        {
            return null;
        }

        return JsonObjectText.Write(custom, static (json, properties) =>
        {
            foreach (var property in properties)
            {
                property.WriteTo(json);
            }
        });
    }
}
