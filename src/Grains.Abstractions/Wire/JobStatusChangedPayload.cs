namespace BatchCalling.Wire;

/// <summary>The body of a <c>job.status_changed</c> webhook.</summary>
public sealed record JobStatusChangedPayload(string Type, string JobId, string Status, string? PreviousStatus, DateTimeOffset At, JobCounters Counters);
