namespace BatchCalling.Webhooks;

/// <summary>
/// A job's events after one that failed (<see cref="AfterSeq"/>) wait as long as it does, so they still arrive after it:
/// the job's order holds while its endpoint fails, not only while it keeps up.
/// </summary>
public sealed record DeliveryDeferral(string JobId, long AfterSeq, DateTimeOffset Until);
