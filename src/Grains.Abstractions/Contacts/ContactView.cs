namespace BatchCalling.Contacts;

/// <summary>
/// One contact as the listings show it: its upload, where it stands, its last call's figures, why it ended or waits,
/// and every call placed, with what the platform said of it.
/// </summary>
[GenerateSerializer, Immutable, Alias("batch.contact-view")]
public sealed record ContactView(
    [property: Id(0)] int Index,
    [property: Id(1)] ContactInput Contact,
    [property: Id(2)] ContactStatus Status,
    [property: Id(3)] int Attempts,
    [property: Id(4)] CallOutcome? LastOutcome,
    [property: Id(5)] DateTimeOffset? LastAttemptAt,
    [property: Id(6)] DateTimeOffset? NextAttemptAt,
    [property: Id(7)] IReadOnlyList<CallAttempt> Calls,
    [property: Id(8)] DateTimeOffset? CompletedAt,
    [property: Id(9)] double? LastCallSeconds,
    [property: Id(10)] string? FailureReason,
    [property: Id(11)] string? WaitReason);
