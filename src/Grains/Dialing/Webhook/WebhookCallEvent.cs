using System.Text.Json;
using BatchCalling.Contacts;

namespace BatchCalling.Dialing.Webhook;

/// <summary>A call event of the webhook protocol (API.md), read into our terms; anything it cannot read is malformed.</summary>
internal static class WebhookCallEvent
{
    public static CallEventReading Read(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return CallEventReading.Malformed;
            }

            var results = new CallResults(Text(root, "roomName"), Text(root, "endedReason"), Text(root, "recordingUrl"),
                Text(root, "transcript"), Text(root, "summary"),
                root.TryGetProperty("analysis", out var analysis) && analysis.ValueKind == JsonValueKind.Object ? analysis.GetRawText() : null);
            var sipCode = root.TryGetProperty("sipCode", out var sip) && sip.ValueKind == JsonValueKind.Number && sip.TryGetInt32(out var code) ? code : (int?)null;
            var duration = root.TryGetProperty("durationSeconds", out var seconds) && seconds.ValueKind == JsonValueKind.Number ? seconds.GetDouble() : 0;
            var optOut = root.TryGetProperty("optOut", out var opted) && opted.ValueKind == JsonValueKind.True;
            return CallEventMapping.TryRead(Text(root, "status"), sipCode, Text(root, "answeredBy"), duration, results, out var end)
                ? new CallEventReading(CallEventVerdict.Accepted, end, optOut)
                : CallEventReading.Malformed;
        }
        catch (JsonException)
        {
            return CallEventReading.Malformed;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
