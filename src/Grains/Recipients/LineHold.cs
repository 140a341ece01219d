namespace BatchCalling.Recipients;

/// <summary>A number on the line in call <see cref="CallId"/>, since <see cref="At"/>; it lapses at <see cref="Until"/> should its end never be told.</summary>
[GenerateSerializer, Immutable, Alias("batch.line-hold")]
public sealed record LineHold(
    [property: Id(0)] string CallId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] DateTimeOffset Until);
