using System.Text.Json.Nodes;
using BatchCalling.Contacts;

namespace BatchCalling.Gateway.Jobs;

/// <summary>Stored JSON object text back into the objects the responses carry.</summary>
internal static class Json
{
    public static JsonObject? Parse(string? json) => json is null ? null : JsonNode.Parse(json)!.AsObject();

    /// <summary>The uploaded row as one object: <c>phone</c>, <c>name</c> when given, then every custom field as it came.</summary>
    public static JsonObject ContactData(ContactInput contact)
    {
        var data = new JsonObject { ["phone"] = contact.Phone };
        if (contact.Name is not null)
        {
            data["name"] = contact.Name;
        }

        foreach (var (name, value) in Parse(contact.CustomFieldsJson) ?? [])
        {
            data[name] = value?.DeepClone();
        }

        return data;
    }
}
