namespace BatchCalling.Jobs;

/// <summary>
/// The contacts a job may have on a call, written before each batch is dialed. Progress chunks are written only once
/// a heartbeat, so after a crash this record is what tells the job which calls may be out there: it asks those
/// contacts again (same attempt, never a second ring) and counts them against its slots meanwhile.
/// </summary>
[GenerateSerializer, Alias("batch.in-flight-record")]
public sealed class InFlightRecord
{
    [Id(0)] public int[] Indices { get; set; } = [];
    [Id(1)] public int[] Attempts { get; set; } = [];
}
