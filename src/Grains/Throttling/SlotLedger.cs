namespace BatchCalling.Throttling;

/// <summary>
/// The slots of one organization's ceiling, leased per job and shared max-min fairly: every job with work
/// gets an equal share, and what a job cannot use goes to the others. A job that could not get its share is told
/// when slots free up (<see cref="Wake"/>) instead of asking again and again. Plain logic, no I/O.
/// </summary>
/// <remarks>
/// A holding the ledger cannot vouch for (restored after the throttle lost its memory, or a lease that lapsed) is
/// <em>unsettled</em>: it still counts, as calls may be on the line, until the job re-states it. Only a job silent for
/// longer than any call can last (<paramref name="abandonAfter"/> past its lease) is given up.
/// </remarks>
public sealed class SlotLedger(int limit, TimeSpan leaseDuration, TimeSpan abandonAfter)
{
    private readonly SortedDictionary<string, Lease> _leases = new(StringComparer.Ordinal);

    public int Limit { get; set; } = limit;

    public int Held => _leases.Values.Sum(l => l.Held);

    public int HeldBy(string jobId) => _leases.TryGetValue(jobId, out var lease) ? lease.Held : 0;

    /// <summary>True while the job's holding is one the ledger could not vouch for and the job has not re-stated.</summary>
    public bool IsUnsettled(string jobId) => _leases.TryGetValue(jobId, out var lease) && !lease.Settled;

    /// <summary>
    /// Counts each job's stored bound as held until the job re-states; returns the jobs to ask. A restored lease stands on
    /// <paramref name="now"/>: a request sent before it (held up while the throttle was down, delivered after) is stale.
    /// </summary>
    public List<string> Restore(IReadOnlyDictionary<string, int> bounds, DateTimeOffset now)
    {
        foreach (var (jobId, bound) in bounds.Where(b => b.Value > 0))
        {
            _leases[jobId] = Unsettled(new Lease(bound, 0, bound, now, now, now, now), now);
        }

        return [.. bounds.Keys];
    }

    /// <summary>
    /// Records the job's holding and demand, renews its lease and returns the slots newly granted, at most
    /// <paramref name="most"/> (what pacing allows now: the demand stands). A request sent before the one the lease stands
    /// on is stale (its holding may be one the job has since outgrown) and changes nothing.
    /// </summary>
    public SlotGrant Exchange(SlotRequest request, DateTimeOffset now, int most = int.MaxValue)
    {
        var expiresAt = now + leaseDuration;
        var known = _leases.TryGetValue(request.JobId, out var previous);
        if (known && request.SentAt < previous!.SentAt)
        {
            return new SlotGrant(0, expiresAt);
        }

        if (request.Holding <= 0 && request.Wanted <= 0)
        {
            _leases.Remove(request.JobId);
            return new SlotGrant(0, expiresAt);
        }

        var servedAt = known ? previous!.LastServedAt : now;
        var lease = new Lease(Math.Max(0, request.Holding), Math.Max(0, request.Wanted), request.Cap, now, expiresAt, servedAt, request.SentAt);
        _leases[request.JobId] = lease;
        var free = Limit - Held;
        var share = FairShares()[request.JobId];
        var granted = Math.Max(0, Math.Min(Math.Min(Math.Min(lease.Wanted, most), free), share - lease.Held));
        _leases[request.JobId] = lease with
        {
            Held = lease.Held + granted,
            Wanted = lease.Wanted - granted,
            LastServedAt = granted > 0 ? now : lease.LastServedAt,
        };
        return new SlotGrant(granted, expiresAt);
    }

    /// <summary>
    /// The waiting jobs to tell that slots are free: as many as there are free slots not yet offered to a job told before
    /// (which has not asked yet), among jobs whose fair share is above what they hold, least recently served first, and
    /// each only once until it asks again. Marks them told.
    /// </summary>
    public List<string> Wake(DateTimeOffset now)
    {
        var free = Limit - Held - _leases.Values.Count(l => l.WokenAt is not null && l.Wanted > 0);
        if (free <= 0)
        {
            return [];
        }

        var shares = FairShares();
        var woken = _leases.Where(l => l.Value.Wanted > 0 && l.Value.WokenAt is null && shares[l.Key] > l.Value.Held)
            .OrderBy(l => l.Value.LastServedAt).ThenBy(l => l.Key, StringComparer.Ordinal)
            .Take(free).Select(l => l.Key).ToList();
        foreach (var jobId in woken)
        {
            _leases[jobId] = _leases[jobId] with { WokenAt = now };
        }

        return woken;
    }

    /// <summary>
    /// Lapses leases not renewed in time: a lapsed holding stays counted, unsettled, and its job is to be asked to re-state
    /// it (again every lease period); returns those jobs. Drops a job that held nothing, or was silent past any call's end.
    /// </summary>
    public List<string> Expire(DateTimeOffset now)
    {
        var ask = new List<string>();
        foreach (var (jobId, lease) in _leases.Where(l => l.Value.AskAt <= now || Abandoned(l.Value, now)).ToList())
        {
            if (lease.Held == 0 || Abandoned(lease, now))
            {
                _leases.Remove(jobId);
                continue;
            }

            _leases[jobId] = Unsettled(lease, now);
            ask.Add(jobId);
        }

        return ask;
    }

    /// <summary>
    /// What each job may hold at any time from now on, while this ledger grants: its cap once settled (it may be granted
    /// up to it), its holding while unsettled (it is granted nothing until it re-states). Stored before a job's first grant.
    /// </summary>
    public Dictionary<string, int> UpperBounds() =>
        _leases.Where(l => l.Value.Held > 0 || l.Value.Settled)
            .ToDictionary(l => l.Key, l => l.Value.Settled ? Math.Max(l.Value.Cap, l.Value.Held) : l.Value.Held);

    /// <summary>What each job holds now: its upper bound once nobody grants any more (the ledger is going away).</summary>
    public Dictionary<string, int> Holdings() =>
        _leases.Where(l => l.Value.Held > 0).ToDictionary(l => l.Key, l => l.Value.Held);

    /// <summary>
    /// Max-min fair shares of the ceiling over each job's need (held + wanted). When the ceiling cannot give every job
    /// the same, the odd slots go to the jobs served least recently, so with more jobs than slots they take turns.
    /// </summary>
    public Dictionary<string, int> FairShares()
    {
        var shares = new Dictionary<string, int>(_leases.Count);
        var remaining = Limit;
        var pending = _leases.OrderBy(l => l.Value.Held + l.Value.Wanted).ThenBy(l => l.Value.LastServedAt)
            .ThenBy(l => l.Key, StringComparer.Ordinal).ToList();
        for (var i = 0; i < pending.Count; i++)
        {
            var need = pending[i].Value.Held + pending[i].Value.Wanted;
            var left = pending.Count - i;
            // Jobs are taken from the smallest need up, so an equal split of what remains is each one's ceiling;
            // the remainder goes to the first of the rest: among equal needs, the least recently served.
            var level = remaining / left + (remaining % left > 0 ? 1 : 0);
            var share = Math.Max(0, Math.Min(need, level));
            shares[pending[i].Key] = share;
            remaining -= share;
        }

        return shares;
    }

    private bool Abandoned(Lease lease, DateTimeOffset now) => now >= lease.RenewedAt + leaseDuration + abandonAfter;

    private Lease Unsettled(Lease lease, DateTimeOffset now) =>
        lease with { Wanted = 0, Settled = false, AskAt = now + leaseDuration, WokenAt = null };

    /// <summary>
    /// A job's holding and demand. <see cref="RenewedAt"/> is when it last re-stated them (<see cref="SentAt"/> by the job's
    /// clock), <see cref="AskAt"/> when the ledger stops vouching for them; <see cref="LastServedAt"/> is when it was last
    /// granted a slot (or arrived), and <see cref="WokenAt"/> when it was told of free slots since it last asked.
    /// </summary>
    private sealed record Lease(
        int Held, int Wanted, int Cap, DateTimeOffset RenewedAt, DateTimeOffset AskAt, DateTimeOffset LastServedAt, DateTimeOffset SentAt)
    {
        public bool Settled { get; init; } = true;

        public DateTimeOffset? WokenAt { get; init; }
    }
}
