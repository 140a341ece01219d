using System.Text.Json;
using System.Text.Json.Serialization;

namespace BatchCalling.Wire;

/// <summary>Timestamps in JSON as <see cref="UtcTimestamp"/> writes them.</summary>
internal sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(UtcTimestamp.Format(value));
}
