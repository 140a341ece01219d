namespace BatchCalling.Wire;

/// <summary>A job's counters as a webhook tells them: contacts in all, final ones, completed and failed, and how many have each status.</summary>
public sealed record JobCounters(int Total, int Processed, int Successful, int Failed, IReadOnlyDictionary<string, int> StatusBreakdown);
