namespace BatchCalling.Jobs;

/// <summary>Configuration section <c>Dispatch</c>: the pace of a running job.</summary>
public sealed class DispatchOptions
{
    public const string Section = "Dispatch";

    /// <summary>A running job's heartbeat: it renews its slot lease, checks its organization and persists progress.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest a call may last: the dial tells the platform, which ends the call itself then.</summary>
    public TimeSpan MaxCallDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long past <see cref="MaxCallDuration"/> a call's final event may still come (API.md: 60 s). A call with none by
    /// then is asked about, and hung up and ended <c>timeout</c> when its platform cannot say.
    /// </summary>
    public TimeSpan EndGrace { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>No call of ours is up this long after it was placed: by then it ended, or we hung it up.</summary>
    public TimeSpan CallEndDeadline => MaxCallDuration + EndGrace;
}
