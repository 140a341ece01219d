namespace BatchCalling.Contacts;

/// <summary>What the platform's final event says about a call beyond its outcome; kept on the attempt as given.</summary>
[GenerateSerializer, Immutable, Alias("batch.call-results")]
public sealed record CallResults(
    [property: Id(0)] string? RoomName,
    [property: Id(1)] string? EndedReason,
    [property: Id(2)] string? RecordingUrl,
    [property: Id(3)] string? Transcript,
    [property: Id(4)] string? Summary,
    [property: Id(5)] string? AnalysisJson);
