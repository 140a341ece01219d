using System.Globalization;
using System.Text.Json;

namespace BatchCalling.Bench;

/// <summary>
/// #6: 200 jobs of 10 contacts scheduled for the same second, about 30 s ahead; lateness is each job's
/// <c>actualStartTime</c> minus its <c>scheduledStartTime</c>, as the API reports them. Twice: with the job grains
/// active (their start timers armed, as for any job due within minutes), then with them collected right after
/// creation, so that only the durable reminder can start them (as for jobs scheduled hours ahead).
/// </summary>
public static class ScheduleWorkload
{
    private const int Jobs = 200;

    public static async Task<Measurement> RunAsync(Deployment deployment)
    {
        using var http = await deployment.NewTenantAsync(1000);
        var warm = await LatenessAsync(http, null);
        await using var probe = await ClusterProbe.ConnectAsync(deployment);
        var cold = await LatenessAsync(http, probe);
        return new Measurement([.. Percentiles(warm, ""), .. Percentiles(cold, " (collected)")]);
    }

    private static Metric[] Percentiles(double[] sorted, string label) =>
        [new("ms p50" + label, sorted[(Jobs / 2) - 1]), new("ms p99" + label, sorted[(Jobs * 99 / 100) - 1]), new("ms max" + label, sorted[^1])];

    /// <summary>Creates the jobs, collects their grains when a probe is given, and returns their lateness in ms, sorted.</summary>
    private static async Task<double[]> LatenessAsync(HttpClient http, ClusterProbe? collect)
    {
        var now = DateTimeOffset.UtcNow;
        var startAt = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero).AddSeconds(30);
        var csv = ProductApi.ContactsCsv(10, 0);
        var ids = new List<string>();
        foreach (var batch in Enumerable.Range(0, Jobs).Chunk(8))
        {
            ids.AddRange(await Task.WhenAll(batch.Select(_ => ProductApi.PostJobAsync(http, csv,
                ("scheduledStartTime", startAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))))));
        }

        if (collect is not null && await collect.CollectAsync("BatchJobGrain") is var left and > 0)
        {
            throw new InvalidOperationException($"{left} job grains are still active after a forced collection.");
        }

        if (DateTimeOffset.UtcNow >= startAt)
        {
            throw new InvalidOperationException("Creating the jobs took longer than the time to their start.");
        }

        var details = await ProductApi.WaitForAsync(http, ids, d => d.GetProperty("actualStartTime").ValueKind == JsonValueKind.String,
            startAt - DateTimeOffset.UtcNow + TimeSpan.FromMinutes(3));
        return [.. details.Select(d => (d.GetProperty("actualStartTime").GetDateTimeOffset() - d.GetProperty("scheduledStartTime").GetDateTimeOffset()).TotalMilliseconds).Order()];
    }
}
