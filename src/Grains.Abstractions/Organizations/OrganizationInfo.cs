namespace BatchCalling.Organizations;

/// <summary>An organization as the admin API shows it.</summary>
[GenerateSerializer, Immutable, Alias("batch.organization-info")]
public sealed record OrganizationInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] int ConcurrencyLimit,
    [property: Id(3)] decimal Credits,
    [property: Id(4)] IReadOnlyList<PhoneNumber> PhoneNumbers,
    [property: Id(5)] double? CallsPerSecond = null,
    [property: Id(6)] RecipientCap? RecipientCap = null);
