using System.Diagnostics;

namespace BatchCalling.Bench;

/// <summary>
/// #2 and #3: 20 jobs × 5,000 contacts, 0 ms calls, job limit 50, organization ceiling 1,000, one attempt each;
/// attempts per second from the first create to the last job completed, processor time per attempt (every process of
/// the deployment) and (PostgreSQL) WAL bytes per attempt. #11 is the same over the webhook dialer and the simulated
/// platform's process, with 10 jobs.
/// </summary>
public static class DispatchWorkload
{
    public static async Task<Measurement> RunAsync(Deployment deployment)
    {
        var run = await DispatchAsync(deployment, jobs: 20, contacts: 5000, jobLimit: 50, ceiling: 1000);
        return deployment.Production ? Measurement.Of(run.Seconds, run.Rate, run.Cpu, run.Wal!) : Measurement.Of(run.Seconds, run.Rate, run.Cpu);
    }

    public static async Task<Measurement> RunOverWebhookAsync(Deployment deployment)
    {
        var run = await DispatchAsync(deployment, jobs: 10, contacts: 5000, jobLimit: 50, ceiling: 1000);
        return Measurement.Of(run.Seconds, run.Rate, run.Cpu, run.Wal!);
    }

    /// <summary>
    /// Creates the jobs over HTTP at once, spread evenly over <paramref name="organizations"/> organizations of the
    /// same ceiling, and waits until all have completed, one attempt per contact.
    /// </summary>
    public static async Task<(Metric Seconds, Metric Rate, Metric Cpu, Metric? Wal)> DispatchAsync(
        Deployment deployment, int jobs, int contacts, int jobLimit, int ceiling, int organizations = 1)
    {
        var tenants = await Task.WhenAll(Enumerable.Range(0, organizations).Select(_ => deployment.NewTenantAsync(ceiling)));
        var walBefore = deployment.Production ? await Database.WalPositionAsync() : 0;
        var cpuBefore = deployment.ProcessorTime();
        var seconds = await CompleteAsync(tenants, jobs, contacts, jobLimit);
        var attempts = jobs * contacts;
        var cpu = new Metric("CPU ms/attempt", (deployment.ProcessorTime() - cpuBefore).TotalMilliseconds / attempts, "0.000");
        var wal = deployment.Production ? new Metric("WAL bytes/attempt", (await Database.WalPositionAsync() - walBefore) / (double)attempts) : null;
        return (new Metric("s", seconds, "0.000"), new Metric("attempts/s", attempts / seconds), cpu, wal);
    }

    /// <summary>
    /// Creates <paramref name="jobs"/> jobs at once, job j for tenant j mod the tenants, and waits until all have
    /// completed; answers the seconds from the first create to the last completion. Disposes the tenants' clients.
    /// </summary>
    public static async Task<double> CompleteAsync(HttpClient[] tenants, int jobs, int contacts, int jobLimit)
    {
        var files = Enumerable.Range(0, jobs).Select(j => ProductApi.ContactsCsv(contacts, j)).ToList();
        var clock = Stopwatch.StartNew();
        var limit = ("concurrentCallLimit", jobLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var ids = await Task.WhenAll(files.Select((file, j) => ProductApi.PostJobAsync(tenants[j % tenants.Length], file, limit, ("maxAttempts", "1"))));
        await Task.WhenAll(tenants.Select((http, t) => ProductApi.WaitForCompletionAsync(http, ids.Where((_, j) => j % tenants.Length == t))));
        foreach (var http in tenants)
        {
            http.Dispose();
        }

        return clock.Elapsed.TotalSeconds;
    }
}
