namespace BatchCalling.Contacts;

/// <summary>
/// How a call ended, as its platform tells: the outcome, how long it was connected, the provider's code for it (a SIP status
/// such as <c>486</c>, or the platform's own) and what the agent made of the call.
/// </summary>
[GenerateSerializer, Immutable, Alias("batch.call-end")]
public sealed record CallEnd(
    [property: Id(0)] CallOutcome Outcome,
    [property: Id(1)] double DurationSeconds,
    [property: Id(2)] string? ErrorCode = null,
    [property: Id(3)] CallResults? Results = null);
