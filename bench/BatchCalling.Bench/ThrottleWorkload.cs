namespace BatchCalling.Bench;

/// <summary>
/// #4: organization ceiling 20 shared by 5 jobs × limit 10, 200 ms calls. Judged from the simulated platform's own
/// call log in PostgreSQL (its calls are dialed over HTTP): the mean of calls in progress from the first call placed to the last (while work remains),
/// and the peak over the whole run.
/// </summary>
public static class ThrottleWorkload
{
    public const int Ceiling = 20;

    public static readonly (string, string)[] Settings =
        [("Platform__CallDurationMs", BenchEnvironment.Number("BENCH_CALL_MS", 200).ToString(System.Globalization.CultureInfo.InvariantCulture))];

    public static async Task<Measurement> RunAsync(Deployment deployment)
    {
        using var http = await deployment.NewTenantAsync(Ceiling);
        var ids = await Task.WhenAll(Enumerable.Range(0, 5).Select(j => ProductApi.PostJobAsync(http, ProductApi.ContactsCsv(400, j),
            ("concurrentCallLimit", "10"), ("maxAttempts", "1"))));
        await ProductApi.WaitForCompletionAsync(http, ids);
        var calls = await Database.QueryAsync("SELECT started_at, ends_at FROM platform_calls WHERE job_id = ANY($1)",
            r => (r.GetDateTime(0), r.GetDateTime(1)), [ids]);
        var average = CallOverlap.Average(calls, calls.Min(c => c.Item1), calls.Max(c => c.Item1));
        return Measurement.Of(
            new Metric("calls in progress on average", average, "0.00"),
            new Metric("% of the ceiling", 100 * average / Ceiling, "0.0"),
            new Metric("peak calls in progress", CallOverlap.Peak(calls)),
            new Metric("calls", calls.Count));
    }
}
