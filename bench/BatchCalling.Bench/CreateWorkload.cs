using System.Diagnostics;

namespace BatchCalling.Bench;

/// <summary>#1: HTTP create of the 10,000-contact sample CSV (each run: the median of five creates after a warm-up).</summary>
public static class CreateWorkload
{
    public static async Task<Measurement> RunAsync(Deployment deployment)
    {
        var csv = await File.ReadAllBytesAsync(Path.Combine(Repository.Root, "test", "BatchCalling.UnitTests", "Data", "contacts-10k.csv"));
        return Measurement.Of(new Metric("s", await MedianCreateSecondsAsync(deployment, csv), "0.000"));
    }

    /// <summary>The median time of five creates of <paramref name="csv"/>, after one that warms up grains and JIT.</summary>
    public static async Task<double> MedianCreateSecondsAsync(Deployment deployment, byte[] csv)
    {
        using var http = await deployment.NewTenantAsync(10);
        await ProductApi.PostJobAsync(http, csv, ("autoStart", "false"));
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            await ProductApi.PostJobAsync(http, csv, ("autoStart", "false"));
            times.Add(clock.Elapsed.TotalSeconds);
        }

        return times.Order().ElementAt(2);
    }
}
