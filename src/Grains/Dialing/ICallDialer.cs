namespace BatchCalling.Dialing;

/// <summary>
/// Places calls. The outcome of a call comes back later, to the contact grain named by its call id
/// (<see cref="Contacts.IContactGrain.CompleteCallAsync"/>): the simulated dialer calls it itself, the HTTP
/// dialer through the platform's call events.
/// </summary>
public interface ICallDialer
{
    /// <summary>Places the call; returns once the dialer has accepted it. The call id is its idempotency key.</summary>
    Task PlaceCallAsync(CallRequest request, CancellationToken cancellationToken);

    /// <summary>What the dialer knows of a call id: how a contact reconciles an attempt it cannot account for.</summary>
    Task<CallStatus> GetStatusAsync(string callId, CancellationToken cancellationToken);

    /// <summary>Hangs up a call still in progress; false when it had already ended (or was never placed).</summary>
    Task<bool> HangUpAsync(string callId, CancellationToken cancellationToken);
}
