namespace BatchCalling.Throttling;

/// <summary>
/// Whether slots may be held by calls the next activation cannot see: set while an activation runs (so a crash leaves
/// it set) and left set by a graceful deactivation while jobs still held slots (a silo shutting down in a deploy).
/// </summary>
[GenerateSerializer, Alias("batch.throttle-state")]
public sealed class ThrottleState
{
    [Id(0)] public bool Active { get; set; }
}
