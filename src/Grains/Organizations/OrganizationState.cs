namespace BatchCalling.Organizations;

/// <summary>The stored organization: small, changed only by the admin API and by charges.</summary>
[GenerateSerializer, Alias("batch.organization-state")]
public sealed class OrganizationState
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public int ConcurrencyLimit { get; set; }
    [Id(2)] public decimal Credits { get; set; }
    [Id(3)] public Dictionary<string, PhoneNumber> PhoneNumbers { get; set; } = [];
    [Id(4)] public HashSet<string> ApiKeyHashes { get; set; } = [];
}
