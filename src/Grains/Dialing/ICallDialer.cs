using BatchCalling.Contacts;

namespace BatchCalling.Dialing;

/// <summary>
/// Places calls on one platform. A call's end comes back later to the contact grain named by its call id: from the
/// platform's call events (<see cref="ReadEvent"/>), or straight from the in-process simulator.
/// </summary>
public interface ICallDialer
{
    /// <summary>Asks the platform to place the call. The call id is its idempotency key where the platform
    /// keeps one: the same id never rings twice.</summary>
    Task<PlaceResult> PlaceCallAsync(CallRequest request, CancellationToken cancellationToken);

    /// <summary>What the platform knows of a call placed earlier; throws when it cannot say.</summary>
    Task<CallStatus> GetStatusAsync(DialedCall dialed, CancellationToken cancellationToken);

    /// <summary>Hangs up a call still in progress; false when it had already ended (or was never placed).</summary>
    Task<bool> HangUpAsync(DialedCall dialed, CancellationToken cancellationToken);

    /// <summary>Verifies an event the platform sent about one of its calls and reads how the call ended, if it did.</summary>
    CallEventReading ReadEvent(InboundCallEvent callEvent);
}
