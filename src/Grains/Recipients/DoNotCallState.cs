namespace BatchCalling.Recipients;

/// <summary>A range's do-not-call numbers, as their digits (<see cref="RecipientKey.TryDigits"/>).</summary>
[GenerateSerializer, Alias("batch.do-not-call-state")]
public sealed class DoNotCallState
{
    [Id(0)] public HashSet<ulong> Numbers { get; set; } = [];
}
