using BatchCalling.Contacts;

namespace BatchCalling.Dialing;

/// <summary>
/// A call event, verified and read: how the call ended when the event is final, null for progress (ringing, answered), and
/// whether the person asked not to be called again (<see cref="OptOut"/>).
/// </summary>
public sealed record CallEventReading(CallEventVerdict Verdict, CallEnd? End, bool OptOut = false)
{
    public static readonly CallEventReading Unauthorized = new(CallEventVerdict.Unauthorized, null);

    public static readonly CallEventReading Malformed = new(CallEventVerdict.Malformed, null);

    public static readonly CallEventReading Progress = new(CallEventVerdict.Accepted, null);
}
