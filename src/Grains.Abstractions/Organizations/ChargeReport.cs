namespace BatchCalling.Organizations;

/// <summary>
/// A job tells its organization what its calls have cost in all so far (<see cref="ChargedThrough"/>), not what to add:
/// the organization takes only the difference from what it already took, so a report sent twice, late or after a
/// crash never charges twice. <see cref="Close"/> is the job's last report: no call of it is on the line any more.
/// </summary>
[GenerateSerializer, Immutable, Alias("batch.charge-report")]
public sealed record ChargeReport(
    [property: Id(0)] string JobId,
    [property: Id(1)] string PhoneNumberId,
    [property: Id(2)] decimal ChargedThrough,
    [property: Id(3)] bool Close);
