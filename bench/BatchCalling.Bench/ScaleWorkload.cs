namespace BatchCalling.Bench;

/// <summary>
/// "How it scales": two points for each dimension, every dispatch point on a fresh deployment. Contacts: create
/// time of one job of 2,500 and of 10,000 contacts. Jobs: workload 2 with 10 and 20 jobs × 5,000. Organizations:
/// the 20 jobs in one organization (ceiling 1,000) and spread over four (ceiling 250 each, the same total).
/// Silos (production): the 20 jobs on one silo and on two.
/// </summary>
public static class ScaleWorkload
{
    public static async Task<Measurement> RunAsync(Deployment deployment)
    {
        var metrics = new List<Metric>
        {
            new("s create 2,500 contacts", await CreateWorkload.MedianCreateSecondsAsync(deployment, ProductApi.ContactsCsv(2_500, 1)), "0.000"),
            new("s create 10,000 contacts", await CreateWorkload.MedianCreateSecondsAsync(deployment, ProductApi.ContactsCsv(10_000, 2)), "0.000"),
        };
        await deployment.DisposeAsync();
        metrics.Add(await RateAsync(deployment.Production, 1, "attempts/s 10 jobs", d => DispatchWorkload.DispatchAsync(d, 10, 5000, 50, 1000)));
        metrics.Add(await RateAsync(deployment.Production, 1, "attempts/s 20 jobs", d => DispatchWorkload.DispatchAsync(d, 20, 5000, 50, 1000)));
        metrics.Add(await RateAsync(deployment.Production, 1, "attempts/s 20 jobs in 4 orgs", d => DispatchWorkload.DispatchAsync(d, 20, 5000, 50, 250, organizations: 4)));
        if (deployment.Production)
        {
            metrics.Add(await RateAsync(true, 2, "attempts/s 20 jobs on 2 silos", d => DispatchWorkload.DispatchAsync(d, 20, 5000, 50, 1000)));
        }

        return new Measurement(metrics);
    }

    private static async Task<Metric> RateAsync(bool production, int silos, string unit, Func<Deployment, Task<(Metric Seconds, Metric Rate, Metric Cpu, Metric? Wal)>> dispatch)
    {
        await using var deployment = await Deployment.StartAsync(production, [], silos);
        await using (var probe = await ClusterProbe.ConnectAsync(deployment))
        {
            await probe.WaitForSilosAsync(silos);
        }

        return (await dispatch(deployment)).Rate with { Unit = unit };
    }
}
