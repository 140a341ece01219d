namespace BatchCalling.Jobs;

[GenerateSerializer, Alias("batch.job-index-state")]
public sealed class JobIndexState
{
    [Id(0)] public Dictionary<string, JobIndexEntry> Jobs { get; set; } = [];
}
