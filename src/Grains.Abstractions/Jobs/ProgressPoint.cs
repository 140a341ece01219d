namespace BatchCalling.Jobs;

/// <summary>How far a job had come at one instant: contacts final by then, and of those, completed calls.</summary>
[GenerateSerializer, Immutable, Alias("batch.progress-point")]
public sealed record ProgressPoint(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int ContactsProcessed,
    [property: Id(2)] int SuccessfulCalls);
