namespace BatchCalling.Throttling;

/// <summary>
/// The slots of one organization's ceiling, leased per job and shared max-min fairly: every job with work
/// gets an equal share, and what a job cannot use goes to the others. A job that could not get its share is told
/// when slots free up (<see cref="Wake"/>) instead of asking again and again. Plain logic, no I/O.
/// </summary>
public sealed class SlotLedger(int limit, TimeSpan leaseDuration)
{
    private readonly SortedDictionary<string, Lease> _leases = new(StringComparer.Ordinal);

    public int Limit { get; set; } = limit;

    public int Held => _leases.Values.Sum(l => l.Held);

    public int HeldBy(string jobId) => _leases.TryGetValue(jobId, out var lease) ? lease.Held : 0;

    /// <summary>Records the job's holding and demand, renews its lease and returns the slots newly granted.</summary>
    public SlotGrant Exchange(SlotRequest request, DateTimeOffset now)
    {
        Expire(now);
        var expiresAt = now + leaseDuration;
        if (request.Holding <= 0 && request.Wanted <= 0)
        {
            _leases.Remove(request.JobId);
            return new SlotGrant(0, expiresAt);
        }

        var servedAt = _leases.TryGetValue(request.JobId, out var previous) ? previous.LastServedAt : now;
        var lease = new Lease(Math.Max(0, request.Holding), Math.Max(0, request.Wanted), expiresAt, servedAt);
        _leases[request.JobId] = lease;
        var free = Limit - Held;
        var share = FairShares()[request.JobId];
        var granted = Math.Max(0, Math.Min(Math.Min(lease.Wanted, free), share - lease.Held));
        _leases[request.JobId] = lease with
        {
            Held = lease.Held + granted,
            Wanted = lease.Wanted - granted,
            LastServedAt = granted > 0 ? now : lease.LastServedAt,
        };
        return new SlotGrant(granted, expiresAt);
    }

    /// <summary>
    /// The waiting jobs to tell that slots are free: as many as there are free slots, among jobs whose fair share is above
    /// what they hold, least recently served first, and each only once until it asks again. Marks them told.
    /// </summary>
    public List<string> Wake(DateTimeOffset now)
    {
        var free = Limit - Held;
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

    /// <summary>Drops leases not renewed in time, so a dead job's slots come back.</summary>
    public void Expire(DateTimeOffset now)
    {
        foreach (var jobId in _leases.Where(l => l.Value.ExpiresAt <= now).Select(l => l.Key).ToList())
        {
            _leases.Remove(jobId);
        }
    }

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

    /// <summary>
    /// A job's holding and demand; <see cref="LastServedAt"/> is when it was last granted a slot (or arrived), and
    /// <see cref="WokenAt"/> when it was told of free slots since it last asked.
    /// </summary>
    private sealed record Lease(int Held, int Wanted, DateTimeOffset ExpiresAt, DateTimeOffset LastServedAt, DateTimeOffset? WokenAt = null);
}
