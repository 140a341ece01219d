namespace BatchCalling.Organizations;

[GenerateSerializer, Alias("batch.api-key-state")]
public sealed class ApiKeyState
{
    [Id(0)] public string? OrganizationId { get; set; }
    [Id(1)] public DateTimeOffset? LastUsedAt { get; set; }
}
