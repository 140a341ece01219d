namespace BatchCalling.Organizations;

/// <summary>The admin-editable settings of an organization.</summary>
[GenerateSerializer, Immutable, Alias("batch.organization-settings")]
public sealed record OrganizationSettings(
    [property: Id(0)] string Name,
    [property: Id(1)] int ConcurrencyLimit,
    [property: Id(2)] decimal Credits);
