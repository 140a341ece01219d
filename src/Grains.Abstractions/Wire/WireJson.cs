using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using BatchCalling.Contacts;

namespace BatchCalling.Wire;

/// <summary>
/// JSON as the product writes it on the wire, in answers and in webhook payloads alike: web defaults (camelCase),
/// timestamps UTC with a Z, enums in snake_case, numbers as numbers only.
/// </summary>
public static class WireJson
{
    /// <summary>The options webhook payloads are written with: what the gateway's HTTP JSON options are configured to.</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Adds the wire's conventions to options that start from the web defaults (the gateway's HTTP JSON options).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new UtcTimestampConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.NumberHandling = JsonNumberHandling.Strict;
        return options;
    }

    /// <summary>Stored JSON object text back into the object an answer carries.</summary>
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
