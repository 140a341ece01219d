namespace BatchCalling.Throttling;

/// <summary>New slots granted to a job on top of what it holds, and until when its whole lease runs unless renewed.</summary>
[GenerateSerializer, Immutable, Alias("batch.slot-grant")]
public sealed record SlotGrant(
    [property: Id(0)] int Granted,
    [property: Id(1)] DateTimeOffset LeaseExpiresAt);
