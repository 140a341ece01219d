namespace BatchCalling.Throttling;

/// <summary>
/// The starts of paced calls, one at a time under each limit: the next start is reserved only once the one before was
/// confirmed sent (its dial answered, so the platform has it), and an interval after that. The spacing then holds where the
/// platform receives the calls, whatever delays a dial meets on its way. A start never confirmed (its contact died) is
/// taken as sent once <paramref name="confirmTimeout"/> has passed. Runs in the throttle's turns; waiting reservations interleave.
/// </summary>
internal sealed class StartSequencer(DateTimeOffset since, TimeSpan confirmTimeout, TimeProvider time)
{
    private readonly CallPacer _pacer = new(since);
    private readonly Dictionary<string, TaskCompletionSource> _unconfirmed = new(StringComparer.Ordinal);

    /// <summary>Waits until no start under these limits is unconfirmed, then reserves the next one and returns its time.</summary>
    public async Task<DateTimeOffset> ReserveAsync(IReadOnlyList<PaceLimit> limits)
    {
        while (limits.Select(l => _unconfirmed.GetValueOrDefault(l.Key)).FirstOrDefault(pending => pending is not null) is { } pending)
        {
            await pending.Task.WaitAsync(confirmTimeout, time).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (pending.TrySetResult())
            {
                // Never confirmed: taken as sent now.
                _pacer.NotBefore(limits, time.GetUtcNow());
                foreach (var key in _unconfirmed.Where(u => u.Value == pending).Select(u => u.Key).ToList())
                {
                    _unconfirmed.Remove(key);
                }
            }
        }

        var at = _pacer.Take(limits, time.GetUtcNow());
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var limit in limits)
        {
            _unconfirmed[limit.Key] = started;
        }

        return at;
    }

    /// <summary>The call reserved under these limits was sent and answered: the next may start an interval from now.</summary>
    public void Confirm(IReadOnlyList<PaceLimit> limits)
    {
        _pacer.NotBefore(limits, time.GetUtcNow());
        foreach (var limit in limits)
        {
            if (_unconfirmed.Remove(limit.Key, out var pending))
            {
                pending.TrySetResult();
            }
        }
    }
}
