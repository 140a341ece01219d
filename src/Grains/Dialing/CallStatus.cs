using BatchCalling.Contacts;

namespace BatchCalling.Dialing;

/// <summary>A call as its platform knows it: never placed, ringing or talking, or ended.</summary>
public sealed record CallStatus(bool Placed, CallEnd? End)
{
    public static readonly CallStatus NeverPlaced = new(false, null);

    public static readonly CallStatus InProgress = new(true, null);
}
