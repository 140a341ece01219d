namespace BatchCalling.Jobs;

/// <summary>The progress of up to <see cref="ContactBoard.ChunkSize"/> contacts; only chunks that changed are rewritten.</summary>
[GenerateSerializer, Alias("batch.progress-chunk")]
public sealed class ProgressChunk
{
    [Id(0)] public ContactProgress[] Contacts { get; set; } = [];
}
