using System.Diagnostics;
using System.Text;

namespace BatchCalling.Bench;

/// <summary>
/// #13: <c>GET /batch/jobs/{id}/contacts.csv</c> of a completed job of the 10k sample's first 1,000 contacts and of all
/// 10,000 (two custom fields each; 0 ms calls, one attempt each, run to completion first): time to the last byte cold (the
/// job grain collected first) and the median of 5 downloads after it, the file's size, and the gateway process's working
/// set before the downloads and at its peak during them, sampled every 10 ms (on the embedded default that process hosts the
/// grains too). Memory that stays flat from 1,000 to 10,000 contacts is what streaming page by page is for.
/// </summary>
public static class ExportWorkload
{
    private const int Downloads = 5;

    public static async Task<Measurement> RunAsync(Deployment deployment)
    {
        var sample = await File.ReadAllLinesAsync(Path.Combine(Repository.Root, "test", "BatchCalling.UnitTests", "Data", "contacts-10k.csv"));
        using var http = await deployment.NewTenantAsync(1000);
        await using var probe = await ClusterProbe.ConnectAsync(deployment);
        var metrics = new List<Metric>();
        foreach (var contacts in new[] { 1_000, 10_000 })
        {
            var csv = Encoding.UTF8.GetBytes(string.Join('\n', sample.Take(contacts + 1)) + "\n");
            var jobId = await ProductApi.PostJobAsync(http, csv, ("concurrentCallLimit", "50"), ("maxAttempts", "1"));
            await ProductApi.WaitForCompletionAsync(http, [jobId]);
            metrics.AddRange(await DownloadsAsync(deployment.Gateway, http, probe, $"/batch/jobs/{jobId}/contacts.csv", contacts));
        }

        return new Measurement(metrics);
    }

    private static async Task<Metric[]> DownloadsAsync(Process gateway, HttpClient http, ClusterProbe probe, string url, int contacts)
    {
        await probe.CollectJobsAsync();
        var before = gateway.WorkingSetMegabytes();
        using var stop = new CancellationTokenSource();
        var peak = PeakWorkingSetAsync(gateway, stop.Token);
        var (cold, bytes) = await DownloadAsync(http, url, contacts);
        var warm = new double[Downloads];
        for (var i = 0; i < Downloads; i++)
        {
            (warm[i], _) = await DownloadAsync(http, url, contacts);
        }

        await stop.CancelAsync();
        Array.Sort(warm);
        var label = $"{contacts:N0} contacts";
        return
        [
            new Metric($"ms to last byte cold, {label}", cold, "0.0"),
            new Metric($"ms to last byte median of {Downloads}, {label}", warm[Downloads / 2], "0.0"),
            new Metric($"bytes, {label}", bytes),
            new Metric($"MB gateway working set before, {label}", before, "0.0"),
            new Metric($"MB gateway peak working set while exporting, {label}", await peak, "0.0"),
        ];
    }

    /// <summary>One download, read to its last byte without keeping it; checks that it holds a header and one line per contact.</summary>
    private static async Task<(double Ms, long Bytes)> DownloadAsync(HttpClient http, string url, int contacts)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        var (bytes, lines) = (0L, 0);
        for (int read; (read = await body.ReadAsync(buffer)) > 0;)
        {
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        var ms = clock.Elapsed.TotalMilliseconds;
        // The sample's fields hold no line breaks, so every line is a record.
        return lines == contacts + 1 ? (ms, bytes) : throw new InvalidOperationException($"GET {url}: {lines} lines, not {contacts + 1}.");
    }

    private static async Task<double> PeakWorkingSetAsync(Process process, CancellationToken stop)
    {
        var peak = 0.0;
        while (!stop.IsCancellationRequested)
        {
            peak = Math.Max(peak, process.WorkingSetMegabytes());
            await Task.Delay(10, CancellationToken.None);
        }

        return peak;
    }
}
