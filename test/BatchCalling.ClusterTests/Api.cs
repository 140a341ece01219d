using System.Net;
using System.Text;
using System.Text.Json;

using BatchCalling.Testing;

namespace BatchCalling.ClusterTests;

public static class Api
{
    public static string Contacts(int count, int seed) => Contacts(count, seed, ["name"], i => [FormattableString.Invariant($"Contact {i}")]);

    /// <summary>
    /// A CSV of <paramref name="count"/> contacts, numbered apart by <paramref name="seed"/>, each with the values
    /// <paramref name="fields"/> gives it under <paramref name="columns"/> (any column not a contact's own is a custom field).
    /// </summary>
    public static string Contacts(int count, int seed, string[] columns, Func<int, string[]> fields)
    {
        var csv = new StringBuilder(string.Join(',', ["phone", .. columns])).Append('\n');
        for (var i = 0; i < count; i++)
        {
            csv.Append(FormattableString.Invariant($"+1312{2_000_000 + (seed * 100_000) + i}"));
            foreach (var field in fields(i))
            {
                // Quoted when it holds a comma, as a list of scripted outcomes does.
                csv.Append(',').Append(field.Contains(',', StringComparison.Ordinal) ? $"\"{field}\"" : field);
            }

            csv.Append('\n');
        }

        return csv.ToString();
    }

    public static async Task<string> CreateJobAsync(this HttpClient http, string csv, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent { { new StringContent(csv), "file", "contacts.csv" }, { new StringContent("pn_1"), "fromPhoneNumberId" }, { new StringContent("Cluster job"), "name" } };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        var response = await Unavailable.RetryAsync(() => http.PostAsync("/batch/jobs", form));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("batchJobId").GetString()!;
    }

    /// <summary>
    /// Polls the job until <paramref name="done"/> holds. While the cluster heals, an answer may be 503 — never a 500,
    /// and never a hang past the client's timeout.
    /// </summary>
    public static async Task<JsonElement> WaitForJobAsync(this HttpClient http, string jobId, Func<JsonElement, bool> done, TimeSpan timeout)
    {
        JsonElement? last = null;
        await Wait.UntilAsync(async () =>
        {
            var response = await http.GetAsync($"/batch/jobs/{jobId}");
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable,
                $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            last = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return done(last.Value);
        }, timeout, () => $"job {jobId}: {last}");
        return last!.Value;
    }

    /// <summary>GET, retried while the API answers 503 (the cluster healing); anything but 200 then fails the test.</summary>
    public static async Task<JsonElement> GetJsonAsync(this HttpClient http, string uri)
    {
        var response = await Unavailable.RetryAsync(() => http.GetAsync(uri));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {uri}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public static Func<JsonElement, bool> StatusIs(string status) => job => job.GetProperty("status").GetString() == status;

    public static Func<JsonElement, bool> Processed(int atLeast) => job => job.GetProperty("contactsProcessed").GetInt32() >= atLeast;
}
