using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using BatchCalling.Recipients;

namespace BatchCalling.Bench;

/// <summary>
/// #14: an organization's do-not-call list of 1,000,000 numbers, added through the API (10 requests of 100,000): numbers
/// added per second; the working set of the process hosting the grains before and after, and the range grains active; a
/// page deep in the list; the dial-time lookup (one call to the number's range, as a contact makes it; here for listed
/// numbers, so the answer is the lookup alone and nothing is written) warm, and cold after every range was collected; and a
/// job of 10,000 listed contacts run to completion (every contact blocked, no call placed).
/// </summary>
public static class DoNotCallWorkload
{
    private const int Numbers = 1_000_000;
    private const int PerRequest = 100_000;
    private const int Lookups = 5_000;
    private const int JobContacts = 10_000;

    public static async Task<Measurement> RunAsync(Deployment deployment)
    {
        var organizationId = "org_" + Guid.NewGuid().ToString("N")[..10];
        using var http = await deployment.NewTenantAsync(1000, organizationId);
        await using var probe = await ClusterProbe.ConnectAsync(deployment);
        var before = deployment.Silo.WorkingSetMegabytes();

        var clock = Stopwatch.StartNew();
        for (var from = 0; from < Numbers; from += PerRequest)
        {
            var answer = await (await http.PostAsJsonAsync("/batch/do-not-call", new { numbers = Enumerable.Range(from, PerRequest).Select(Number) }))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            if (answer.GetProperty("added").GetInt32() != PerRequest)
            {
                throw new InvalidOperationException($"Added {answer}, not {PerRequest} numbers.");
            }
        }

        var added = Numbers / clock.Elapsed.TotalSeconds;
        var loaded = deployment.Silo.WorkingSetMegabytes();
        var ranges = await probe.ActivationsAsync("RecipientRangeGrain");
        var page = await PageMillisecondsAsync(http);

        var sample = Enumerable.Range(0, Lookups).Select(_ => Number(Random.Shared.Next(Numbers))).ToList();
        await LookupsAsync(probe.Grains, organizationId, sample);
        var warm = await LookupsAsync(probe.Grains, organizationId, sample);
        await probe.CollectAsync("RecipientRangeGrain");
        var cold = await LookupsAsync(probe.Grains, organizationId, sample);

        var job = await ProductApi.PostJobAsync(http, System.Text.Encoding.UTF8.GetBytes("phone\n" + string.Join('\n', sample.Concat(
            Enumerable.Range(0, Numbers).Select(Number).Except(sample).Take(JobContacts - Lookups))) + "\n"), ("concurrentCallLimit", "50"), ("maxAttempts", "1"));
        clock.Restart();
        var done = (await ProductApi.WaitForCompletionAsync(http, [job]))[0];
        var blocked = done.GetProperty("statusBreakdown").GetProperty("blocked").GetInt32() / clock.Elapsed.TotalSeconds;

        return Measurement.Of(
            new Metric("numbers added/s", added),
            new Metric("MB working set before", before),
            new Metric("MB working set with 1,000,000 numbers", loaded),
            new Metric("range grains active", ranges),
            new Metric("ms for page 5,000 of 100", page, "0.0"),
            new Metric("µs lookup warm p50", Measurement.Percentile(warm, 0.5), "0"),
            new Metric("µs lookup warm p99", Measurement.Percentile(warm, 0.99), "0"),
            new Metric("µs lookup cold p50", Measurement.Percentile(cold, 0.5), "0"),
            new Metric("µs lookup cold p99", Measurement.Percentile(cold, 0.99), "0"),
            new Metric("listed contacts blocked/s", blocked));
    }

    /// <summary>Valid US numbers: +1 212 200-0000 to +1 212 299-9999.</summary>
    private static string Number(int i) => "+1212" + (2_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<double> PageMillisecondsAsync(HttpClient http)
    {
        var clock = Stopwatch.StartNew();
        var page = await http.GetFromJsonAsync<JsonElement>("/batch/do-not-call?page=5000&pageSize=100");
        return page.GetProperty("total").GetInt32() == Numbers && page.GetProperty("numbers").GetArrayLength() == 100
            ? clock.Elapsed.TotalMilliseconds
            : throw new InvalidOperationException($"Page 5,000 is not 100 of {Numbers} numbers: {page}");
    }

    /// <summary>Each number's lookup in turn, as a dial makes it, in microseconds (sorted); every one must answer blocked.</summary>
    private static async Task<double[]> LookupsAsync(IGrainFactory grains, string organizationId, List<string> numbers)
    {
        var micros = new double[numbers.Count];
        for (var i = 0; i < numbers.Count; i++)
        {
            var clock = Stopwatch.StartNew();
            var admission = await grains.GetGrain<IRecipientRangeGrain>(RecipientKey.For(organizationId, numbers[i]))
                .AdmitAsync(new RecipientDial(numbers[i], "bench", DateTimeOffset.UtcNow, null));
            micros[i] = clock.Elapsed.TotalMicroseconds;
            if (admission.Blocked is null)
            {
                throw new InvalidOperationException($"{numbers[i]} is listed but was let through.");
            }
        }

        Array.Sort(micros);
        return micros;
    }
}
