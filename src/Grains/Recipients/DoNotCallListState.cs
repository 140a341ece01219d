namespace BatchCalling.Recipients;

/// <summary>How many do-not-call numbers each range of the organization holds, as the ranges last said.</summary>
[GenerateSerializer, Alias("batch.do-not-call-list-state")]
public sealed class DoNotCallListState
{
    [Id(0)] public int[] Counts { get; set; } = new int[RecipientKey.Ranges];
}
