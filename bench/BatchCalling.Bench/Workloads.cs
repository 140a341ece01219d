using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace BatchCalling.Bench;

/// <summary>The workloads of issue 4, driven over HTTP the way users drive the product.</summary>
public static class Workloads
{
    /// <summary>#1: HTTP create of the 10,000-contact sample CSV (median of its run's five creates).</summary>
    public static async Task<Measurement> CreateAsync(Deployment deployment)
    {
        using var http = await deployment.NewTenantAsync(10);
        var csv = await File.ReadAllBytesAsync(Path.Combine(Deployment.Root(), "test", "BatchCalling.UnitTests", "Data", "contacts-10k.csv"));
        await PostJobAsync(http, csv, ("autoStart", "false")); // warm-up: first activation of the grains and JIT
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            await PostJobAsync(http, csv, ("autoStart", "false"));
            times.Add(clock.Elapsed.TotalSeconds);
        }

        return new Measurement(times.Order().ElementAt(2));
    }

    /// <summary>
    /// #2 and #3: 20 jobs × 5,000 contacts, 0 ms calls, job limit 50, organization ceiling 1,000, one attempt each;
    /// attempts per second from the first create to the last job completed, and (PostgreSQL) WAL bytes per attempt.
    /// </summary>
    public static async Task<Measurement> DispatchAsync(Deployment deployment)
    {
        const int jobs = 20;
        const int contacts = 5000;
        using var http = await deployment.NewTenantAsync(1000);
        var files = Enumerable.Range(0, jobs).Select(j => Contacts(contacts, j)).ToList();
        var walBefore = deployment.Production ? await WalPositionAsync() : 0;
        var clock = Stopwatch.StartNew();
        var ids = await Task.WhenAll(files.Select(file => PostJobAsync(http, file, ("concurrentCallLimit", "50"), ("maxAttempts", "1"))));
        foreach (var id in ids)
        {
            while ((await http.GetFromJsonAsync<JsonElement>($"/batch/jobs/{id}")).GetProperty("status").GetString() != "completed")
            {
                await Task.Delay(50);
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var attempts = jobs * contacts;
        double? wal = deployment.Production ? (await WalPositionAsync() - walBefore) / (double)attempts : null;
        return new Measurement(seconds, attempts / seconds, wal);
    }

    private static async Task<string> PostJobAsync(HttpClient http, byte[] csv, params (string Name, string Value)[] fields)
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

    private static byte[] Contacts(int count, int seed)
    {
        var csv = new System.Text.StringBuilder("phone,name\n");
        for (var i = 0; i < count; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"+1{212 + (seed % 7)}{2_000_000 + (seed * 7919 % 1000 * 5000) + i},Contact {i}\n");
        }

        return System.Text.Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static async Task<long> WalPositionAsync()
    {
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("ConnectionStrings__Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings__Postgres is not set: eval \"$(deploy/local/services.sh up)\"."));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
