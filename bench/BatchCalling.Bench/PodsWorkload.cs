using BatchCalling.PodTests;

namespace BatchCalling.Bench;

/// <summary>
/// "How it scales", the pods point: workload 2 (20 jobs × 5,000 contacts, 0 ms calls on the silos' own simulated
/// dialer, job limit 50, ceiling 1,000, one attempt each) on the podman overlay played with 1, 2 and 3 silo pods, as
/// the pod test plays it (images from a host publish; PostgreSQL and Redis on the host, relayed onto the pods' network).
/// Per point: attempts per second; processor time per attempt, silos and gateway together, from each process's own
/// <c>dotnet.process.cpu.time</c> on <c>/metrics</c>; Orleans messages per attempt, between silos and within one; and
/// with 3 silos, each silo's share of the contact activations (<c>orleans-catalog-activation-created</c>).
/// </summary>
public static class PodsWorkload
{
    private const int Jobs = 20;
    private const int Contacts = 5000;

    private static readonly Dictionary<string, string> SiloSettings = new()
    {
        ["Dialer__Default__Type"] = "Simulated",
        ["Dialer__Simulated__CallDurationMs"] = "0",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    public static async Task<Measurement> RunAsync()
    {
        var metrics = new List<Metric>();
        for (var silos = 1; silos <= 3; silos++)
        {
            metrics.AddRange(await PointAsync(silos));
        }

        return new Measurement(metrics);
    }

    private static async Task<List<Metric>> PointAsync(int silos)
    {
        await using var pods = await PodCluster.StartAsync(Console.Error.WriteLine, TimeSpan.FromMinutes(6), TimeSpan.FromMinutes(3), silos, SiloSettings);
        pods.Passed = true;
        using var admin = pods.Client(pods.AdminToken);
        var (_, key) = await Tenants.CreateAsync(admin, "org_bench_", "Bench", concurrencyLimit: 1000, credits: 1_000_000);
        var idle = await ScrapeAsync(pods, silos);
        await Task.Delay(TimeSpan.FromSeconds(20));
        var before = await ScrapeAsync(pods, silos);
        var idleCpu = (before.Sum(s => s.CpuSeconds) - idle.Sum(s => s.CpuSeconds)) / 20;
        var seconds = await DispatchWorkload.CompleteAsync([pods.Client(key)], Jobs, Contacts, jobLimit: 50);
        var after = await ScrapeAsync(pods, silos);
        double attempts = Jobs * Contacts;
        double Delta(Func<Scrape, double> read) => after.Sum(read) - before.Sum(read);

        List<Metric> point =
        [
            new($"attempts/s ({silos} silo pods)", attempts / seconds),
            new($"idle CPU ms/s ({silos})", idleCpu * 1000, "0.0"),
            new($"CPU ms/attempt ({silos})", Delta(s => s.CpuSeconds) * 1000 / attempts, "0.000"),
            new($"messages between silos/attempt ({silos})", Delta(s => s.RemoteMessages) / attempts, "0.00"),
            new($"messages within a silo/attempt ({silos})", Delta(s => s.LocalMessages) / attempts, "0.00"),
        ];
        if (silos == 3)
        {
            var activations = Enumerable.Range(0, silos).Select(i => after[i].ContactActivations - before[i].ContactActivations).ToArray();
            point.AddRange(activations.Select((count, i) => new Metric($"% of contact activations on silo {i}", 100 * count / activations.Sum(), "0.0")));
        }

        return point;
    }

    /// <summary>Each silo's counters (in silo order), then the gateway's.</summary>
    private static async Task<List<Scrape>> ScrapeAsync(PodCluster pods, int silos)
    {
        var scrapes = new List<Scrape>();
        foreach (var uri in Enumerable.Range(0, silos).Select(pods.SiloAddress).Append(pods.GatewayAddress))
        {
            scrapes.Add(Scrape.Of(await PrometheusScrape.ReadAsync(uri.ToString(), pods.AdminToken)));
        }

        return scrapes;
    }

    /// <summary>What the workload reads from one process's scrape.</summary>
    private sealed record Scrape(double CpuSeconds, double RemoteMessages, double LocalMessages, double ContactActivations)
    {
        public static Scrape Of(PrometheusScrape scrape) => new(
            scrape.Sum("dotnet_process_cpu_time_seconds_total"),
            scrape.Sum("orleans_messaging_sent_messages_size_bytes_count"),
            scrape.Sum("orleans_messaging_sent_local_total"),
            scrape.Sum("orleans_catalog_activation_created_total", ("grain_type", "contact")));
    }
}
