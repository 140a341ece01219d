namespace BatchCalling.Organizations;

/// <summary>
/// What a running job learns from its organization before dialing on: whether it may go on, and
/// if not, why (<see cref="FailureReason"/>), plus the caller number, the organization's pacing, its balance (what
/// calls it covers) and its recipient cap as they are now.
/// </summary>
[GenerateSerializer, Immutable, Alias("batch.dispatch-check")]
public sealed record DispatchCheck(
    [property: Id(0)] string? FailureReason,
    [property: Id(1)] PhoneNumber? PhoneNumber,
    [property: Id(2)] double? OrganizationCallsPerSecond = null,
    [property: Id(3)] decimal Credits = 0,
    [property: Id(4)] RecipientCap? RecipientCap = null);
