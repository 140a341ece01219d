namespace BatchCalling.Organizations;

/// <summary>What an organization keeps of one of its API keys besides the hash.</summary>
[GenerateSerializer, Immutable, Alias("batch.api-key-record")]
public sealed record ApiKeyRecord(
    [property: Id(0)] string Prefix,
    [property: Id(1)] DateTimeOffset CreatedAt);
