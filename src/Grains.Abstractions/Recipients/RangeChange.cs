namespace BatchCalling.Recipients;

/// <summary>What a change to a range's do-not-call entries did: how many numbers it added or removed, and how many the range holds now.</summary>
[GenerateSerializer, Immutable, Alias("batch.range-change")]
public sealed record RangeChange(
    [property: Id(0)] int Changed,
    [property: Id(1)] int Count);
