namespace BatchCalling.Throttling;

/// <summary>
/// The jobs that may hold slots, each with the most it may hold: what a new activation counts as taken until each job
/// has re-stated its holding. A job is added before its first slot is granted; a graceful deactivation narrows each
/// bound to what is held then, as nobody can be granted more until the next activation.
/// </summary>
[GenerateSerializer, Alias("batch.throttle-state")]
public sealed class ThrottleState
{
    [Id(1)] public Dictionary<string, int> Members { get; set; } = [];
}
