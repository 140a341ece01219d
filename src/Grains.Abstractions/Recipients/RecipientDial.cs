using BatchCalling.Organizations;

namespace BatchCalling.Recipients;

/// <summary>
/// A contact about to be dialed asks its number's range for leave: <see cref="Phone"/> (E.164) is called by
/// <see cref="CallId"/>, whose line hold lapses at <see cref="HoldUntil"/> (the call's longest life) should its end never be
/// told; <see cref="Cap"/> is the organization's recipient cap as its job last read it (null: none).
/// </summary>
[GenerateSerializer, Immutable, Alias("batch.recipient-dial")]
public sealed record RecipientDial(
    [property: Id(0)] string Phone,
    [property: Id(1)] string CallId,
    [property: Id(2)] DateTimeOffset HoldUntil,
    [property: Id(3)] RecipientCap? Cap);
