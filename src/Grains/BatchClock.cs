namespace BatchCalling;

/// <summary>
/// The service key of the <see cref="TimeProvider"/> the batch grains read "now" from. Unset, it resolves the
/// default clock; tests register a fake one under this key (and the reminders' key) to drive schedules.
/// </summary>
public static class BatchClock
{
    public const string Key = "BatchCalling.Clock";
}
