namespace BatchCalling.Throttling;

/// <summary>How long the organization throttle trusts a job's holding without hearing from it.</summary>
public sealed class ThrottleOptions
{
    public const string Section = "Throttle";

    /// <summary>
    /// How long a job's holding stands without renewal. A running job renews every heartbeat; past this, the throttle asks
    /// the job to re-state its holding (waking it, should its silo have died) and keeps counting the slots until it does.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(90);
}
