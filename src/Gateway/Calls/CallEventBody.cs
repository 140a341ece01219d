using System.ComponentModel;
using System.Text.Json;

namespace BatchCalling.Gateway.Calls;

/// <summary>A platform's event on a call (API.md, "Dialers and call events"); for the OpenAPI description, the body is read raw.</summary>
public sealed record CallEventBody(
    [property: Description("`ringing`, `answered`, or final: `completed`, `no_answer`, `busy`, `failed`, `voicemail`, `canceled`, `timeout`.")] string Status,
    [property: Description("Seconds the call was connected.")] double? DurationSeconds,
    [property: Description("The SIP status of a failed or unanswered call (486, 480, 404, 603…).")] int? SipCode,
    [property: Description("`human`, `machine` or `unknown`.")] string? AnsweredBy,
    string? Reason,
    bool? OptOut,
    string? RoomName,
    string? EndedReason,
    string? RecordingUrl,
    string? Transcript,
    string? Summary,
    [property: Description("The agent's analysis of the call, kept as given.")] JsonElement? Analysis);
