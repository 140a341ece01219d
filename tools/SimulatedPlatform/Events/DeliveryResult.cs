namespace BatchCalling.SimulatedPlatform.Events;

/// <summary>How a post of a call's final event went: the receiver's status, or null when it gave none.</summary>
public sealed record DeliveryResult(string CallId, int? Status)
{
    /// <summary>
    /// Whether delivery is over: the receiver took the event (2xx) or refused it for good (another 4xx, such as 400 or 404).
    /// No answer, a redirect, 5xx, 401 (a secret being rotated, a clock off), 408 and 429 are tried again.
    /// </summary>
    public bool Settled => Status is >= 200 and < 300 or (>= 400 and < 500 and not (401 or 408 or 429));
}
