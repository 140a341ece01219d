using System.Diagnostics;
using System.Text.Json;

namespace BatchCalling.Bench;

/// <summary>
/// #8: <c>GET /batch/jobs/{id}?contactsPageSize=500</c> on a 10,000-contact job (the create workload's CSV): a pending
/// job (created with autoStart=false) and a completed one (0 ms calls, one attempt each, run to completion first).
/// For pages 1, 10 and 20 and for status filters, each read cold (every grain collected first, so the job reloads
/// its record, its progress and the input chunk the page falls in) and then warm (100 reads in a row; p50 and p99),
/// with the response's size. On PostgreSQL it also shows that a page reads only its own input chunks: with the other
/// input chunks of a fresh job hidden from its storage, pages 1, 10 and 20 still answer.
/// </summary>
public static class DetailWorkload
{
    private const int PageSize = 500;
    private const int WarmReads = 100;

    /// <summary>What each job is read with: a label and the query after <c>contactsPageSize</c>.</summary>
    private static readonly (string Label, string Query)[] PendingReads =
    [
        ("p1", "contactsPage=1"), ("p10", "contactsPage=10"), ("p20", "contactsPage=20"), ("status=pending p20", "contactStatus=pending&contactsPage=20"),
    ];

    private static readonly (string Label, string Query)[] CompletedReads =
    [
        ("p1", "contactsPage=1"), ("p10", "contactsPage=10"), ("p20", "contactsPage=20"),
        // completed is about 70 % of the contacts (page 10 falls in chunks 6–7); failed about 5 %, so its first page spans all ten chunks.
        ("status=completed p10", "contactStatus=completed&contactsPage=10"), ("status=failed p1", "contactStatus=failed&contactsPage=1"),
    ];

    public static async Task<Measurement> RunAsync(Deployment deployment)
    {
        var csv = await File.ReadAllBytesAsync(Path.Combine(Repository.Root, "test", "BatchCalling.UnitTests", "Data", "contacts-10k.csv"));
        using var http = await deployment.NewTenantAsync(1000);
        var pending = await ProductApi.PostJobAsync(http, csv, ("autoStart", "false"));
        var completed = await ProductApi.PostJobAsync(http, csv, ("concurrentCallLimit", "50"), ("maxAttempts", "1"));
        await ProductApi.WaitForCompletionAsync(http, [completed]);
        await using var probe = await ClusterProbe.ConnectAsync(deployment);
        var metrics = new List<Metric>();
        metrics.AddRange(await ReadAllAsync(http, probe, pending, "pending", PendingReads));
        metrics.AddRange(await ReadAllAsync(http, probe, completed, "completed", CompletedReads));
        if (deployment.Production)
        {
            metrics.Add(new Metric("of 10 input chunks in storage while pages 1/10/20 answered cold", await ByIndexAsync(deployment, http, probe, csv)));
        }

        return new Measurement(metrics);
    }

    private static async Task<List<Metric>> ReadAllAsync(HttpClient http, ClusterProbe probe, string jobId, string job, (string Label, string Query)[] reads)
    {
        var metrics = new List<Metric>();
        foreach (var (label, query) in reads)
        {
            var url = $"/batch/jobs/{jobId}?contactsPageSize={PageSize}&{query}";
            await probe.CollectJobsAsync();
            var (cold, bytes) = await ReadAsync(http, url);
            var warm = new double[WarmReads];
            for (var i = 0; i < WarmReads; i++)
            {
                (warm[i], _) = await ReadAsync(http, url);
            }

            Array.Sort(warm);
            metrics.Add(new Metric($"ms cold {job} {label}", cold, "0.0"));
            metrics.Add(new Metric($"ms p50 {job} {label}", warm[(WarmReads / 2) - 1], "0.0"));
            metrics.Add(new Metric($"ms p99 {job} {label}", warm[(WarmReads * 99 / 100) - 1], "0.0"));
            metrics.Add(new Metric($"bytes {job} {label}", bytes));
        }

        return metrics;
    }

    /// <summary>One detail read, timed to its last byte; checks that the page holds the contacts it should.</summary>
    private static async Task<(double Ms, int Bytes)> ReadAsync(HttpClient http, string url)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsByteArrayAsync();
        var ms = clock.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
        }

        // A full page, or what is left of the matching contacts on the last one.
        using var detail = JsonDocument.Parse(body);
        var root = detail.RootElement;
        var expected = Math.Clamp(root.GetProperty("contactsTotal").GetInt32() - ((root.GetProperty("contactsPage").GetInt32() - 1) * PageSize), 0, PageSize);
        if (root.GetProperty("contacts").GetArrayLength() != expected || expected == 0)
        {
            throw new InvalidOperationException($"GET {url}: {root.GetProperty("contacts").GetArrayLength()} contacts, not {expected}.");
        }

        return (ms, body.Length);
    }

    /// <summary>
    /// A fresh pending job, its grain collected, all input chunks but 0, 4 and 9 moved out of its storage rows' service:
    /// pages 1, 10 and 20 (contacts 0–499, 4,500–4,999, 9,500–9,999) must still answer, since a missing chunk that a
    /// read needs is an error. Returns how many chunks were left in place.
    /// </summary>
    private static async Task<int> ByIndexAsync(Deployment deployment, HttpClient http, ClusterProbe probe, byte[] csv)
    {
        var jobId = await ProductApi.PostJobAsync(http, csv, ("autoStart", "false"));
        await probe.CollectJobsAsync();
        const string Needed = "('contacts-0', 'contacts-4', 'contacts-9')";
        var hidden = deployment.ServiceId + "-hidden";
        var moved = await Database.QueryAsync(
            $"WITH moved AS (UPDATE grain_state SET service_id = $1 WHERE service_id = $2 AND grain_id_extension = $3 AND grain_type LIKE 'contacts-%' AND grain_type NOT IN {Needed} RETURNING 1) SELECT count(*) FROM moved",
            r => r.GetInt64(0), hidden, deployment.ServiceId, jobId);
        if (moved[0] != 7)
        {
            throw new InvalidOperationException($"Expected to hide 7 input chunks of {jobId}, hid {moved[0]}.");
        }

        try
        {
            foreach (var page in new[] { 1, 10, 20 })
            {
                await ReadAsync(http, $"/batch/jobs/{jobId}?contactsPageSize={PageSize}&contactsPage={page}");
            }
        }
        finally
        {
            await Database.QueryAsync("UPDATE grain_state SET service_id = $1 WHERE service_id = $2 AND grain_id_extension = $3 RETURNING 1",
                r => r.GetInt32(0), deployment.ServiceId, hidden, jobId);
        }

        return 10 - (int)moved[0];
    }
}
