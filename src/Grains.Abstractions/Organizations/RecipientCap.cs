namespace BatchCalling.Organizations;

/// <summary>
/// An organization's recipient cap (API.md "Do-not-call and recipient caps"): no number is called more than
/// <see cref="Calls"/> times in any <see cref="PerHours"/> hours, across all the organization's jobs.
/// </summary>
[GenerateSerializer, Immutable, Alias("batch.recipient-cap")]
public sealed record RecipientCap(
    [property: Id(0)] int Calls,
    [property: Id(1)] int PerHours)
{
    /// <summary>The sliding period a number's calls are counted over.</summary>
    public TimeSpan Period => TimeSpan.FromHours(PerHours);
}
