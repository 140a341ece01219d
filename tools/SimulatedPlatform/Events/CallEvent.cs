namespace BatchCalling.SimulatedPlatform.Events;

/// <summary>
/// An event of a call as posted to its <c>eventsUrl</c> (and, for an ended call, answered by <c>GET /calls/{callId}</c>):
/// progress (<c>ringing</c>, <c>answered</c>) or final, with the call's results on <c>completed</c>.
/// </summary>
public sealed record CallEvent(
    string CallId, string Status, double DurationSeconds, int? SipCode, string? AnsweredBy, string? Reason, bool OptOut,
    string RoomName, string? EndedReason, string? RecordingUrl, string? Transcript, string? Summary, CallAnalysis? Analysis);
