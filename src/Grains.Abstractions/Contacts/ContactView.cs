namespace BatchCalling.Contacts;

/// <summary>One contact with its dialing history, as the contacts listing shows it.</summary>
[GenerateSerializer, Immutable, Alias("batch.contact-view")]
public sealed record ContactView(
    [property: Id(0)] int Index,
    [property: Id(1)] ContactInput Contact,
    [property: Id(2)] ContactStatus Status,
    [property: Id(3)] int Attempts,
    [property: Id(4)] CallOutcome? LastOutcome,
    [property: Id(5)] DateTimeOffset? LastAttemptAt,
    [property: Id(6)] DateTimeOffset? NextAttemptAt,
    [property: Id(7)] IReadOnlyList<CallAttempt> Calls);
