namespace BatchCalling.Throttling;

/// <summary>
/// Spaces call starts under calls-per-second limits, one per key (a caller number, the organization): each start takes
/// the earliest time every limit it is under allows, and pushes each limit's next allowed time on by its interval. No
/// bursts, so no second ever sees more starts than a rate allows. Plain logic, no I/O.
/// </summary>
public sealed class CallPacer(DateTimeOffset since)
{
    private readonly Dictionary<string, DateTimeOffset> _next = new(StringComparer.Ordinal);

    /// <summary>
    /// The least time between two starts under <paramref name="callsPerSecond"/>: a whole second's share, plus a guard for
    /// the time a dial takes to reach its platform, which varies (at most 50 ms, and a tenth of the share).
    /// </summary>
    public static TimeSpan Interval(double callsPerSecond)
    {
        var share = TimeSpan.FromSeconds(1 / callsPerSecond);
        return share + TimeSpan.FromTicks(Math.Min(TimeSpan.FromMilliseconds(50).Ticks, share.Ticks / 10));
    }

    /// <summary>How many of <paramref name="wanted"/> starts the limits allow by <paramref name="until"/>; takes nothing.</summary>
    public int Available(IReadOnlyList<PaceLimit> limits, int wanted, DateTimeOffset now, DateTimeOffset until)
    {
        var next = new Dictionary<string, DateTimeOffset>(_next, StringComparer.Ordinal);
        var count = 0;
        while (count < wanted && Earliest(limits, next, now) is var at && at <= until)
        {
            count++;
            foreach (var limit in limits)
            {
                next[limit.Key] = at + Interval(limit.CallsPerSecond);
            }
        }

        return count;
    }

    /// <summary>Takes the earliest start the limits allow, at <paramref name="now"/> or later, and returns it.</summary>
    public DateTimeOffset Take(IReadOnlyList<PaceLimit> limits, DateTimeOffset now)
    {
        var at = Earliest(limits, _next, now);
        foreach (var limit in limits)
        {
            _next[limit.Key] = at + Interval(limit.CallsPerSecond);
        }

        return at;
    }

    /// <summary>Pushes the next start under each limit to an interval after <paramref name="from"/> at least.</summary>
    public void NotBefore(IReadOnlyList<PaceLimit> limits, DateTimeOffset from)
    {
        foreach (var limit in limits)
        {
            var at = from + Interval(limit.CallsPerSecond);
            if (!_next.TryGetValue(limit.Key, out var next) || next < at)
            {
                _next[limit.Key] = at;
            }
        }
    }

    /// <summary>When the next start under all these limits may be.</summary>
    public DateTimeOffset NextStart(IReadOnlyList<PaceLimit> limits, DateTimeOffset now) => Earliest(limits, _next, now);

    /// <summary>
    /// The earliest start at or after <paramref name="now"/> under every limit. A key not seen since the pacer began may
    /// have started a call just before (under an earlier pacer, lost with its activation): it waits one interval from then.
    /// </summary>
    private DateTimeOffset Earliest(IReadOnlyList<PaceLimit> limits, Dictionary<string, DateTimeOffset> next, DateTimeOffset now)
    {
        var at = now;
        foreach (var limit in limits)
        {
            var due = next.TryGetValue(limit.Key, out var known) ? known : since + Interval(limit.CallsPerSecond);
            at = due > at ? due : at;
        }

        return at;
    }
}

/// <summary>A calls-per-second limit and what it applies to (<c>number:{id}</c>, <c>organization</c>).</summary>
public sealed record PaceLimit(string Key, double CallsPerSecond);
