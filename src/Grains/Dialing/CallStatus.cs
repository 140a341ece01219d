using BatchCalling.Contacts;

namespace BatchCalling.Dialing;

/// <summary>A call as the dialer knows it: never placed, ringing or talking, or ended with an outcome.</summary>
public sealed record CallStatus(bool Placed, CallOutcome? Outcome, double DurationSeconds)
{
    public static readonly CallStatus Unknown = new(false, null, 0);

    public static readonly CallStatus InProgress = new(true, null, 0);
}
