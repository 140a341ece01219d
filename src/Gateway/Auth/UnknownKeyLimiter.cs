using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace BatchCalling.Gateway.Auth;

/// <summary>
/// Each unknown API key costs a grain activation and a storage read, so guessing keys is rationed per client address:
/// <c>Auth:UnknownKeysPerMinute</c> (default 30) unknown keys a minute, then <c>429 rate_limited</c> until the minute is
/// over. Valid keys never count, and a key this gateway has seen valid is still looked up from an address over its
/// budget (so one bad client behind a shared address does not lock out the others); the lookup, not this memory,
/// decides, so a revoked key is refused at once.
/// </summary>
public sealed class UnknownKeyLimiter(int perMinute) : IDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = Period,
            QueueLimit = 0,
        }));

    public static UnknownKeyLimiter FromConfiguration(IConfiguration configuration) =>
        new(configuration.GetValue("Auth:UnknownKeysPerMinute", 30));

    private const int KnownKeysKept = 100_000;

    private readonly ConcurrentDictionary<string, byte> _knownValid = new();

    /// <summary>Whether a key (by its hash) from this address is worth a lookup.</summary>
    public bool MayLookUp(string address, string keyHash)
    {
        if (_knownValid.ContainsKey(keyHash))
        {
            return true;
        }

        using var lease = _limiter.AttemptAcquire(address, 0);
        return lease.IsAcquired;
    }

    /// <summary>This address presented an unknown key.</summary>
    public void CountFailure(string address) => _limiter.AttemptAcquire(address, 1).Dispose();

    /// <summary>A key (by its hash) was found valid.</summary>
    public void RememberValid(string keyHash)
    {
        if (_knownValid.Count >= KnownKeysKept)
        {
            _knownValid.Clear();
        }

        _knownValid.TryAdd(keyHash, 0);
    }

    public void Dispose() => _limiter.Dispose();
}
