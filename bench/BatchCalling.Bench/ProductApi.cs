using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace BatchCalling.Bench;

/// <summary>The public HTTP API as the workloads use it: create jobs from CSV, read them, wait for them.</summary>
public static class ProductApi
{
    public static async Task<string> PostJobAsync(HttpClient http, byte[] csv, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(csv), "file", "contacts.csv" }, { new StringContent("pn_1"), "fromPhoneNumberId" }, { new StringContent("Bench"), "name" } };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        var response = await http.PostAsync("/batch/jobs", form);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"create failed: {(int)response.StatusCode} {body}");
        }

        return JsonDocument.Parse(body).RootElement.GetProperty("batchJobId").GetString()!;
    }

    /// <summary>Creates <paramref name="jobs"/> jobs of <paramref name="contacts"/> contacts (job j's numbers from seed j), four uploads at a time.</summary>
    public static async Task<List<string>> PostJobsAsync(HttpClient http, int jobs, int contacts, params (string Name, string Value)[] fields)
    {
        var ids = new List<string>();
        foreach (var batch in Enumerable.Range(0, jobs).Chunk(4))
        {
            ids.AddRange(await Task.WhenAll(batch.Select(j => PostJobAsync(http, ContactsCsv(contacts, j), fields))));
        }

        return ids;
    }

    public static Task<JsonElement> DetailAsync(HttpClient http, string jobId) => http.GetFromJsonAsync<JsonElement>($"/batch/jobs/{jobId}");

    /// <summary>Polls each job until <paramref name="done"/> holds for its detail; returns the details that satisfied it.</summary>
    public static async Task<JsonElement[]> WaitForAsync(HttpClient http, IEnumerable<string> jobIds, Func<JsonElement, bool> done, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        var details = new List<JsonElement>();
        foreach (var id in jobIds)
        {
            var detail = await DetailAsync(http, id);
            while (!done(detail))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Job {id} is still {detail.GetProperty("status")} after {limit}.");
                }

                await Task.Delay(50);
                detail = await DetailAsync(http, id);
            }

            details.Add(detail);
        }

        return [.. details];
    }

    public static Task<JsonElement[]> WaitForCompletionAsync(HttpClient http, IEnumerable<string> jobIds) =>
        WaitForAsync(http, jobIds, d => d.GetProperty("status").GetString() == "completed", TimeSpan.FromMinutes(10));

    /// <summary>
    /// A CSV of <paramref name="count"/> valid, distinct US numbers; <paramref name="seed"/> picks a distinct range. With
    /// <paramref name="callMs"/>, each contact's calls last that long at the simulated platform (its <c>simulatedDurationMs</c>).
    /// </summary>
    public static byte[] ContactsCsv(int count, int seed, int? callMs = null)
    {
        var csv = new StringBuilder(callMs is null ? "phone,name\n" : "phone,name,simulatedDurationMs\n");
        for (var i = 0; i < count; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"+1{212 + (seed % 7)}{2_000_000 + (seed * 7919 % 1000 * 5000) + i},Contact {i}");
            csv.Append(callMs is { } ms ? FormattableString.Invariant($",{ms}\n") : "\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
