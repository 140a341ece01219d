using System.Text.Json;

namespace BatchCalling.SimulatedPlatform.Twilio;

/// <summary>How Twilio writes JSON: snake_case names.</summary>
public static class TwilioJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
