namespace BatchCalling.Throttling;

/// <summary>Configuration section <c>Throttle</c>.</summary>
public sealed class ThrottleOptions
{
    public const string Section = "Throttle";

    /// <summary>How long a job's slots stay leased without renewal; a running job renews every second.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);
}
