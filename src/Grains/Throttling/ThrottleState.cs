namespace BatchCalling.Throttling;

/// <summary>Whether a throttle activation is running; still set at the next activation means the last one crashed.</summary>
[GenerateSerializer, Alias("batch.throttle-state")]
public sealed class ThrottleState
{
    [Id(0)] public bool Active { get; set; }
}
