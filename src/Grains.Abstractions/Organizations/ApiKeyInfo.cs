namespace BatchCalling.Organizations;

/// <summary>An API key as the admin API lists it: never the key, only its id, its first characters and its dates.</summary>
[GenerateSerializer, Immutable, Alias("batch.api-key-info")]
public sealed record ApiKeyInfo(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string? Prefix,
    [property: Id(2)] DateTimeOffset? CreatedAt,
    [property: Id(3)] DateTimeOffset? LastUsedAt);
