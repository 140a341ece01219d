using Npgsql;
using StackExchange.Redis;

namespace BatchCalling.Hosting;

/// <summary>
/// Readiness checks of the production profile's servers, each a cheap round trip: <c>SELECT 1</c> on PostgreSQL and
/// <c>PING</c> on Redis. On the embedded default there is nothing to check.
/// </summary>
public sealed class DependencyProbes(string? postgres, string? redis) : IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>>? _redis = redis is null
        ? null
        : new(() => ConnectionMultiplexer.ConnectAsync(ConfigurationOptions.Parse(redis)));

    /// <summary>The name of the first dependency that does not answer, or null when all do.</summary>
    public async Task<string?> FirstUnavailableAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (postgres is not null)
            {
                await using var connection = new NpgsqlConnection(postgres);
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            return "PostgreSQL";
        }

        try
        {
            if (_redis is not null)
            {
                await (await _redis.Value).GetDatabase().PingAsync();
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return "Redis";
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is { IsValueCreated: true })
        {
            await (await _redis.Value).DisposeAsync();
        }
    }
}
