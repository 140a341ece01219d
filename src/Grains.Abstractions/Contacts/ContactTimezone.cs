using System.Text.Json;

namespace BatchCalling.Contacts;

/// <summary>
/// A contact's own time zone: its <c>timezone</c> field (a CSV column or JSON property, any case), kept among its custom
/// fields. It comes first when the contact's calling window is judged (API.md "Calling window").
/// </summary>
public static class ContactTimezone
{
    public const string Field = "timezone";

    /// <summary>
    /// The field's text (a value that is not a string as its JSON, so it never names a zone), or null when there is none
    /// or it is blank.
    /// </summary>
    public static string? Of(string? customFieldsJson)
    {
        // Most uploads have no such field: the text is searched before it is parsed.
        if (customFieldsJson is null || !customFieldsJson.Contains(Field, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        using var document = JsonDocument.Parse(customFieldsJson);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Name.Equals(Field, StringComparison.OrdinalIgnoreCase))
            {
                var text = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
                return string.IsNullOrWhiteSpace(text) || property.Value.ValueKind == JsonValueKind.Null ? null : text;
            }
        }

        return null;
    }
}
