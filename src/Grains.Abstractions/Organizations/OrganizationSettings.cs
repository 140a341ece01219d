namespace BatchCalling.Organizations;

/// <summary>
/// The admin-editable settings of an organization. Omitted (null) settings keep their values; <see cref="OpeningCredits"/>
/// is the balance of a new organization only (an existing one's balance changes through credits and charges alone);
/// <see cref="CallsPerSecond"/> 0 lifts the organization's pacing, a <see cref="RecipientCap"/> of 0 calls its cap.
/// </summary>
[GenerateSerializer, Immutable, Alias("batch.organization-settings")]
public sealed record OrganizationSettings(
    [property: Id(0)] string Name,
    [property: Id(3)] int? ConcurrencyLimit,
    [property: Id(4)] decimal? OpeningCredits,
    [property: Id(5)] double? CallsPerSecond = null,
    [property: Id(6)] RecipientCap? RecipientCap = null);
