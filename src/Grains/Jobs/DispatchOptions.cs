namespace BatchCalling.Jobs;

/// <summary>Configuration section <c>Dispatch</c>: the pace of a running job.</summary>
public sealed class DispatchOptions
{
    public const string Section = "Dispatch";

    /// <summary>A running job's heartbeat: it renews its slot lease, checks its organization and persists progress.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A call with no outcome after this long ends as <c>timeout</c>.</summary>
    public TimeSpan MaxCallDuration { get; set; } = TimeSpan.FromMinutes(30);
}
