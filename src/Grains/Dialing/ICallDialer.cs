namespace BatchCalling.Dialing;

/// <summary>
/// Places calls. The outcome of a call comes back later, to the contact grain named by its call id
/// (<see cref="Contacts.IContactGrain.CompleteCallAsync"/>): the simulated dialer calls it itself, the HTTP
/// dialer through the platform's call events.
/// </summary>
public interface ICallDialer
{
    /// <summary>Places the call; returns once the dialer has accepted it.</summary>
    Task PlaceCallAsync(CallRequest request, CancellationToken cancellationToken);
}
