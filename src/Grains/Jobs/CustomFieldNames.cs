using System.Text;
using System.Text.Json;
using BatchCalling.Contacts;

namespace BatchCalling.Jobs;

/// <summary>The names of contacts' custom fields, each once, in the order they first appear. Plain logic.</summary>
internal sealed class CustomFieldNames
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public List<string> Names { get; } = [];

    public static List<string> Of(IEnumerable<ContactInput> contacts) => new CustomFieldNames().Add(contacts).Names;

    /// <summary>Adds the names these contacts bring that were not seen before, in their order.</summary>
    public CustomFieldNames Add(IEnumerable<ContactInput> contacts)
    {
        foreach (var contact in contacts)
        {
            if (contact.CustomFieldsJson is not { } json)
            {
                continue;
            }

            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.GetString() is { } name && _seen.Add(name))
                {
                    Names.Add(name);
                }

                // To the next name: past this one's value, however deep it goes.
                reader.Read();
                reader.Skip();
            }
        }

        return this;
    }
}
