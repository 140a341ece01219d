namespace BatchCalling.Contacts;

/// <summary>One call placed for a contact; <see cref="Outcome"/> is null while the call is in progress.</summary>
[GenerateSerializer, Alias("batch.call-attempt")]
public sealed class CallAttempt
{
    [Id(0)] public string CallId { get; set; } = "";
    [Id(1)] public int Attempt { get; set; }
    [Id(2)] public DateTimeOffset StartedAt { get; set; }
    [Id(3)] public DateTimeOffset? EndedAt { get; set; }
    [Id(4)] public CallOutcome? Outcome { get; set; }
    [Id(5)] public double? DurationSeconds { get; set; }
}
