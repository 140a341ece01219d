using System.Text.Json.Nodes;
using BatchCalling.Contacts;

namespace BatchCalling.Wire;

/// <summary>
/// One call placed for a contact, in the <c>/contacts</c> listing and in a <c>contact.finished</c> webhook, with the
/// platform's code, room and results (its final event's) when it gave them.
/// </summary>
public sealed record CallResponse(
    string CallId, int Attempt, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? Outcome, double? DurationSeconds, string? ErrorCode,
    string? RoomName, string? EndedReason, string? RecordingUrl, string? Transcript, string? Summary, JsonObject? Analysis)
{
    public static CallResponse From(CallAttempt call) => new(
        call.CallId, call.Attempt, call.StartedAt, call.EndedAt, call.Outcome is { } outcome ? WireNames.Of(outcome) : null, call.DurationSeconds,
        call.ErrorCode, call.RoomName, call.Results?.EndedReason, call.Results?.RecordingUrl, call.Results?.Transcript, call.Results?.Summary,
        WireJson.Parse(call.Results?.AnalysisJson));
}
