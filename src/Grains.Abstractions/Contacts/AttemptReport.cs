namespace BatchCalling.Contacts;

/// <summary>A contact tells its job how attempt <see cref="Attempt"/> ended. Applying it twice changes nothing.</summary>
[GenerateSerializer, Immutable, Alias("batch.attempt-report")]
public sealed record AttemptReport(
    [property: Id(0)] int Index,
    [property: Id(1)] int Attempt,
    [property: Id(2)] CallOutcome Outcome,
    [property: Id(3)] DateTimeOffset EndedAt,
    [property: Id(4)] double DurationSeconds);
