using BatchCalling.SimulatedPlatform.Calls;

namespace BatchCalling.SimulatedPlatform.Events;

/// <summary>The events a call makes, built from the call alone so that every redelivery and every GET says the same.</summary>
public static class CallEvents
{
    public static string RoomName(string callId) => "room_" + callId;

    /// <summary>The last event: how the call ended.</summary>
    public static CallEvent Final(StoredCall call)
    {
        var outcome = call.Outcome;
        var completed = outcome.Name == "completed";
        return new CallEvent(
            call.CallId, outcome.Status, call.DurationMs / 1000.0, outcome.SipCode,
            // A call hung up (or timed out) before anyone answered was connected to nobody.
            call.DurationMs > 0 || outcome != Outcome.Timeout ? outcome.AnsweredBy : null,
            call.HungUp ? "the call was hung up on request" : outcome.Reason, false, RoomName(call.CallId),
            call.HungUp ? "hangup-requested" : outcome.EndedReason,
            completed ? $"https://recordings.simulated-platform.invalid/{call.CallId}.wav" : null,
            completed ? "Agent: Hello, this is a simulated call. Customer: Thanks, goodbye." : null,
            completed ? "The customer listened to the simulated agent and ended the call." : null,
            completed ? new CallAnalysis(true) : null);
    }

    /// <summary><c>ringing</c>, then <c>answered</c> for a call that will be answered.</summary>
    public static IEnumerable<CallEvent> Progress(StoredCall call)
    {
        yield return Started(call, "ringing", null);
        if (call.Outcome.Answered)
        {
            yield return Started(call, "answered", call.Outcome.AnsweredBy);
        }
    }

    /// <summary>What GET answers while the call is in progress.</summary>
    public static CallProgress InProgress(StoredCall call) => new(call.CallId, call.Outcome.Answered ? "answered" : "ringing");

    private static CallEvent Started(StoredCall call, string status, string? answeredBy) =>
        new(call.CallId, status, 0, null, answeredBy, null, false, RoomName(call.CallId), null, null, null, null, null);
}
