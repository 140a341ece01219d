namespace BatchCalling.Recipients;

/// <summary>
/// A range's recipient-cap counters and on-the-line holds, by hash of the number (never the number: they outlive an erased
/// job). Stored apart from the do-not-call entries, so a dial writes only this, which holds only recent calls.
/// </summary>
[GenerateSerializer, Alias("batch.recipient-calls-state")]
public sealed class RecipientCallsState
{
    /// <summary>When each number was called within the cap's period, while the organization has a cap.</summary>
    [Id(0)] public Dictionary<ulong, List<DateTimeOffset>> Calls { get; set; } = [];

    [Id(1)] public Dictionary<ulong, LineHold> Holds { get; set; } = [];

    /// <summary>The cap's period when a call was last counted: counts older than it are dropped.</summary>
    [Id(2)] public TimeSpan Period { get; set; }
}
