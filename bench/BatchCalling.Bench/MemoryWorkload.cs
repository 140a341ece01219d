using System.Diagnostics;

namespace BatchCalling.Bench;

/// <summary>
/// #5: 100 jobs × 10,000 contacts created, then 10 of them running (limit 50 each, 1 s calls, so 500 calls at
/// once) for 30 s. Reports the working set of the process hosting the grains once all are created and at its peak
/// while the 10 run, and how many contact and job grains are active at the end (the idle jobs' contacts should not be).
/// </summary>
public static class MemoryWorkload
{
    private const int Created = 100;
    private const int Running = 10;
    private const int Contacts = 10_000;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    public static readonly (string, string)[] Settings = [("Dialer__Simulated__CallDurationMs", "1000")];

    public static async Task<Measurement> RunAsync(Deployment deployment)
    {
        using var http = await deployment.NewTenantAsync(1000);
        var empty = deployment.Silo.WorkingSetMegabytes();
        var ids = await ProductApi.PostJobsAsync(http, Created, Contacts, ("autoStart", "false"), ("concurrentCallLimit", "50"), ("maxAttempts", "1"));

        var idle = deployment.Silo.WorkingSetMegabytes();
        var running = ids.Take(Running).ToList();
        foreach (var id in running)
        {
            (await http.PostAsync($"/batch/jobs/{id}/start", null)).EnsureSuccessStatusCode();
        }

        var peak = idle;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Window)
        {
            await Task.Delay(250);
            peak = Math.Max(peak, deployment.Silo.WorkingSetMegabytes());
        }

        await using var probe = await ClusterProbe.ConnectAsync(deployment);
        var contactGrains = await probe.ActivationsAsync("ContactGrain");
        var jobGrains = await probe.ActivationsAsync("BatchJobGrain");
        var processed = (await Task.WhenAll(running.Select(id => ProductApi.DetailAsync(http, id)))).Sum(d => d.GetProperty("contactsProcessed").GetInt32());
        return Measurement.Of(
            new Metric("MB working set at start", empty),
            new Metric("MB working set with 1,000,000 contacts created", idle),
            new Metric("MB peak working set while 10 jobs run", peak),
            new Metric("contact grains active at the end", contactGrains),
            new Metric("job grains active", jobGrains),
            new Metric("contacts processed in the window", processed));
    }
}
