using System.Text;
using System.Text.Json;

namespace BatchCalling.Gateway.Parsing;

/// <summary>Writes a JSON object to text: how custom fields are kept, whichever format they came in.</summary>
internal static class JsonObjectText
{
    public static string Write<TState>(TState state, Action<Utf8JsonWriter, TState> writeProperties)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            writeProperties(json, state);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
