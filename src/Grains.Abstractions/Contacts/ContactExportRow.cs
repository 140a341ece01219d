namespace BatchCalling.Contacts;

/// <summary>
/// One contact as the CSV export shows it: its upload, where it stands, and the last call's code, length and results.
/// Only the last call's short fields cross the wire, never every call's transcript and analysis.
/// </summary>
[GenerateSerializer, Immutable, Alias("batch.contact-export-row")]
public sealed record ContactExportRow(
    [property: Id(0)] int Index,
    [property: Id(1)] ContactInput Contact,
    [property: Id(2)] ContactStatus Status,
    [property: Id(3)] int Attempts,
    [property: Id(4)] CallOutcome? LastOutcome,
    [property: Id(5)] string? ErrorCode,
    [property: Id(6)] double? LastCallSeconds,
    [property: Id(7)] DateTimeOffset? LastAttemptAt,
    [property: Id(8)] DateTimeOffset? CompletedAt,
    [property: Id(9)] string? Summary,
    [property: Id(10)] string? RecordingUrl);
