namespace BatchCalling.Throttling;

/// <summary>Configuration section <c>Throttle</c>.</summary>
public sealed class ThrottleOptions
{
    public const string Section = "Throttle";

    /// <summary>
    /// How long a job's slots stay leased without renewal: how long a dead holder's slots take to come back. A running
    /// job renews every heartbeat; a job whose silo died is woken by its reminder within about a minute and states
    /// its holding again, so the lease outlasts that, lest its calls in progress be counted out.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>After a crash, how long a new activation only listens before granting: a few job heartbeats.</summary>
    public TimeSpan RecoveryQuietPeriod { get; set; } = TimeSpan.FromSeconds(3);
}
