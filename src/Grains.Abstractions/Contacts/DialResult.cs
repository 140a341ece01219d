namespace BatchCalling.Contacts;

/// <summary>
/// The contact's answer to a dial: the call is in progress, or (when the attempt was already placed
/// and has ended, e.g. after a crash) its recorded outcome.
/// </summary>
[GenerateSerializer, Immutable, Alias("batch.dial-result")]
public sealed record DialResult(
    [property: Id(0)] string CallId,
    [property: Id(1)] DateTimeOffset StartedAt,
    [property: Id(2)] AttemptReport? Ended);
