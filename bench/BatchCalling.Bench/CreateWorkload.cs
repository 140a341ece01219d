using System.Diagnostics;

namespace BatchCalling.Bench;

/// <summary>#1: HTTP create of the 10,000-contact sample CSV (each run: the median of five creates after a warm-up).</summary>
public static class CreateWorkload
{
    public static async Task<Measurement> RunAsync(Deployment deployment)
    {
        using var http = await deployment.NewTenantAsync(10);
        var csv = await File.ReadAllBytesAsync(Path.Combine(Deployment.Root(), "test", "BatchCalling.UnitTests", "Data", "contacts-10k.csv"));
        await ProductApi.PostJobAsync(http, csv, ("autoStart", "false")); // warm-up: first activation of the grains and JIT
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            await ProductApi.PostJobAsync(http, csv, ("autoStart", "false"));
            times.Add(clock.Elapsed.TotalSeconds);
        }

        return Measurement.Of(new Metric("s", times.Order().ElementAt(2), "0.000"));
    }
}
