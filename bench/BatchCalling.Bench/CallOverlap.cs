namespace BatchCalling.Bench;

/// <summary>How many calls were on the line at once, from the simulated dialer's (start, end) records.</summary>
public static class CallOverlap
{
    /// <summary>The most calls in progress at one instant; a call ending at the instant another starts does not overlap it.</summary>
    public static int Peak(IReadOnlyList<(DateTime Start, DateTime End)> calls) =>
        Edges(calls).Aggregate((Running: 0, Peak: 0), (acc, e) => (acc.Running + e.Change, Math.Max(acc.Peak, acc.Running + e.Change))).Peak;

    /// <summary>The time-weighted mean of calls in progress between <paramref name="from"/> and <paramref name="to"/>.</summary>
    public static double Average(IReadOnlyList<(DateTime Start, DateTime End)> calls, DateTime from, DateTime to)
    {
        double callSeconds = 0;
        foreach (var (start, end) in calls)
        {
            var overlap = (Min(end, to) - Max(start, from)).TotalSeconds;
            callSeconds += Math.Max(0, overlap);
        }

        return callSeconds / (to - from).TotalSeconds;
    }

    private static IEnumerable<(DateTime At, int Change)> Edges(IEnumerable<(DateTime Start, DateTime End)> calls) =>
        calls.SelectMany(c => new[] { (c.Start, +1), (c.End, -1) }).OrderBy(e => e.Item1).ThenBy(e => e.Item2);

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
