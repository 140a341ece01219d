namespace BatchCalling.Jobs;

/// <summary>Configuration section <c>Dispatch</c>: the pace of a running job.</summary>
public sealed class DispatchOptions
{
    public const string Section = "Dispatch";

    /// <summary>A job's <c>maxCallDurationSeconds</c> when it gives none (API.md), and that of jobs stored before it had one.</summary>
    public const int DefaultJobMaxCallSeconds = 1800;

    /// <summary>A running job's heartbeat: it renews its slot lease, checks its organization and persists progress.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest any call may last, whatever its job asks (API.md allows jobs up to 7200 s): a job's own limit above it is
    /// cut to it. The throttle gives up the slots of a job silent for longer than this.
    /// </summary>
    public TimeSpan MaxCallDuration { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// How long past its maximum duration a call's final event may still come (API.md: 60 s). A call with none by then is
    /// asked about, and hung up and ended <c>timeout</c> when its platform cannot say.
    /// </summary>
    public TimeSpan EndGrace { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>No call of ours is up this long after it was placed: by then it ended, or we hung it up.</summary>
    public TimeSpan CallEndDeadline => MaxCallDuration + EndGrace;

    /// <summary>How long a call of a job asking for <paramref name="jobMaxCallSeconds"/> may last (0: a job stored before it asked).</summary>
    public TimeSpan CallLimit(int jobMaxCallSeconds)
    {
        var asked = TimeSpan.FromSeconds(jobMaxCallSeconds > 0 ? jobMaxCallSeconds : DefaultJobMaxCallSeconds);
        return asked < MaxCallDuration ? asked : MaxCallDuration;
    }
}
