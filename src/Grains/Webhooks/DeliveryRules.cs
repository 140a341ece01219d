namespace BatchCalling.Webhooks;

/// <summary>
/// When a failed delivery is tried again: after 1 s, 2 s, 4 s … doubling up to an hour, each jittered by ±25 % so that
/// deliveries failed together do not come back together; and never once the next try would fall more than 24 hours after
/// the event was made: the event is then given up.
/// </summary>
public static class DeliveryRules
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan LongestRetry = TimeSpan.FromHours(1);
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(24);

    /// <summary>The wait after <paramref name="failedAttempts"/> failures (1 or more); <paramref name="jitter"/> is uniform in [0, 1).</summary>
    public static TimeSpan Backoff(int failedAttempts, double jitter)
    {
        // 2^12 s is already past the hour: larger exponents only risk overflow.
        var doubled = FirstRetry * Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 12));
        return (doubled < LongestRetry ? doubled : LongestRetry) * (0.75 + (0.5 * jitter));
    }

    /// <summary>When to try again after a failure at <paramref name="now"/>; null when the event is given up.</summary>
    public static DateTimeOffset? NextAttempt(int failedAttempts, DateTimeOffset createdAt, DateTimeOffset now, double jitter)
    {
        var next = now + Backoff(failedAttempts, jitter);
        return next - createdAt > GiveUpAfter ? null : next;
    }
}
