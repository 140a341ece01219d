using System.Collections.Concurrent;

namespace BatchCalling.Organizations;

/// <summary>
/// Values read from a grain and kept for <paramref name="freshness"/>: a change made there is seen by every silo within
/// that time, at no cost on the hot path meanwhile. Concurrent first reads may both go to the grain; the later one wins.
/// </summary>
public sealed class RecentReads<TKey, TValue>(TimeProvider time, TimeSpan freshness)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, (TValue Value, DateTimeOffset ReadAt)> _values = new();

    public async ValueTask<TValue> GetAsync(TKey key, Func<TKey, Task<TValue>> read)
    {
        if (!_values.TryGetValue(key, out var known) || time.GetUtcNow() - known.ReadAt > freshness)
        {
            known = (await read(key), time.GetUtcNow());
            _values[key] = known;
        }

        return known.Value;
    }
}
