using System.Diagnostics;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;

namespace BatchCalling.Bench;

/// <summary>
/// #7: the same 20,000 no-op "calls" on the same PostgreSQL, at concurrency 50: our production profile (2 jobs ×
/// 10,000 contacts, limit 25 each, organization ceiling 50, 0 ms calls) against Hangfire.PostgreSql with 50 workers
/// (20,000 fire-and-forget jobs enqueued by 8 threads while the server runs, polling its queue every 50 ms rather
/// than every 15 s, on connections that skip the session reset as ours do). Each side is timed from the first
/// submission to the last success, with the WAL it wrote; the product is stopped before Hangfire starts.
/// </summary>
public static class PeerWorkload
{
    private const int Calls = 20_000;
    private const int Workers = 50;

    public static async Task<Measurement> RunAsync(Deployment deployment)
    {
        var ours = await DispatchWorkload.DispatchAsync(deployment, jobs: 2, contacts: Calls / 2, jobLimit: Workers / 2, ceiling: Workers);
        await deployment.DisposeAsync();
        var (hangfireRate, hangfireWal) = await RunHangfireAsync();
        return Measurement.Of(
            ours.Rate,
            ours.Wal!,
            new Metric("Hangfire jobs/s", hangfireRate),
            new Metric("Hangfire WAL bytes/job", hangfireWal),
            new Metric("× Hangfire's rate", ours.Rate.Value / hangfireRate, "0.0"),
            new Metric("× Hangfire's WAL per attempt", ours.Wal!.Value / hangfireWal, "0.00"));
    }

    private static async Task<(double Rate, double Wal)> RunHangfireAsync()
    {
        var schema = "hangfire_bench_" + Guid.NewGuid().ToString("N")[..8];
        var options = new PostgreSqlStorageOptions { SchemaName = schema, PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromMilliseconds(50) };
        // The same connection tuning as the product's (no session reset on reuse), and a short queue poll.
        var connectionString = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { NoResetOnClose = true }.ConnectionString;
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
        try
        {
            NoOpCall.Reset(Calls);
            using var server = new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = Workers }, storage);
            var client = new BackgroundJobClient(storage);
            var walBefore = await Database.WalPositionAsync();
            var clock = Stopwatch.StartNew();
            await Parallel.ForAsync(0, Calls, new ParallelOptions { MaxDegreeOfParallelism = 8 }, (_, _) =>
            {
                client.Enqueue(() => NoOpCall.Run());
                return ValueTask.CompletedTask;
            });
            await NoOpCall.AllRan.WaitAsync(TimeSpan.FromMinutes(10));
            // A job counts once Hangfire has stored it as succeeded, not when its method returned.
            var monitoring = storage.GetMonitoringApi();
            while (monitoring.SucceededListCount() < Calls)
            {
                await Task.Delay(20);
            }

            var seconds = clock.Elapsed.TotalSeconds;
            var wal = (await Database.WalPositionAsync() - walBefore) / (double)Calls;
            return (Calls / seconds, wal);
        }
        finally
        {
            await Database.ExecuteAsync($"DROP SCHEMA IF EXISTS {schema} CASCADE");
        }
    }
}

/// <summary>The job Hangfire runs: nothing, counted so the benchmark knows when all have run.</summary>
public static class NoOpCall
{
    private static int _remaining;
    private static TaskCompletionSource _allRan = new();

    public static Task AllRan => _allRan.Task;

    public static void Reset(int count)
    {
        _remaining = count;
        _allRan = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public static void Run()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _allRan.TrySetResult();
        }
    }
}
