using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace BatchCalling.GatewayTests;

/// <summary>Requests as users send them, and the documents they get back.</summary>
public static class Api
{
    public static readonly string DataDirectory = Path.Combine(AppContext.BaseDirectory, "Data");

    public static Task<HttpResponseMessage> PostCsvAsync(this HttpClient http, string csv, params (string Name, string Value)[] fields) =>
        http.PostCsvAsync(Encoding.UTF8.GetBytes(csv), fields);

    public static Task<HttpResponseMessage> PostCsvAsync(this HttpClient http, byte[] file, params (string Name, string Value)[] fields) =>
        http.PostCsvToAsync("/batch/jobs", file, fields);

    /// <summary>A multipart create to <paramref name="path"/> (<c>/batch/jobs</c>, or the seed's <c>/batch/create</c>).</summary>
    public static Task<HttpResponseMessage> PostCsvToAsync(this HttpClient http, string path, byte[] file, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", "contacts.csv" } };
        foreach (var (name, value) in Defaults(fields))
        {
            form.Add(new StringContent(value), name);
        }

        return http.PostAsync(path, form);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient http, string json, string path = "/batch/jobs") =>
        http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static string SampleCsv(string name) => File.ReadAllText(Path.Combine(DataDirectory, name));

    /// <summary>The fields every create needs, unless the test gives its own.</summary>
    private static IEnumerable<(string, string)> Defaults((string Name, string Value)[] fields) =>
        fields.Concat(new[] { ("fromPhoneNumberId", "pn_1"), ("name", "Campaign") }.Where(d => fields.All(f => f.Name != d.Item1)));

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>Asserts a problem document of this status and code, and returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var problem = await response.JsonAsync(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        return problem;
    }

    public static string Detail(this JsonElement problem) => problem.GetProperty("detail").GetString()!;

    public static async Task<string> CreateJobAsync(this Tenant tenant, string csv, params (string Name, string Value)[] fields) =>
        (await (await tenant.Http.PostCsvAsync(csv, fields)).JsonAsync(HttpStatusCode.Created)).GetProperty("batchJobId").GetString()!;

    public static async Task<JsonElement> JobAsync(this Tenant tenant, string jobId) =>
        await (await tenant.Http.GetAsync($"/batch/jobs/{jobId}")).JsonAsync(HttpStatusCode.OK);

    /// <summary>Polls the job until <paramref name="done"/> holds, or fails at the deadline.</summary>
    public static async Task<JsonElement> WaitForJobAsync(this Tenant tenant, string jobId, Func<JsonElement, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var job = await tenant.JobAsync(jobId);
            if (done(job))
            {
                return job;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {jobId} did not get there in time: {job}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Downloads a job's CSV export, checks that it comes as a UTF-8 CSV file with a BOM named after the job, and parses it
    /// back (header first) as a spreadsheet would read it.
    /// </summary>
    public static async Task<List<string[]>> ExportAsync(this Tenant tenant, string jobId, string query = "")
    {
        using var response = await tenant.Http.GetAsync($"/batch/jobs/{jobId}/contacts.csv{query}");
        var csv = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {Encoding.UTF8.GetString(csv)}");
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal($"attachment; filename=\"{jobId}.csv\"", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), csv[..3]);

        using var parser = new CsvHelper.CsvParser(new StreamReader(new MemoryStream(csv[3..]), new UTF8Encoding(false, throwOnInvalidBytes: true)),
            System.Globalization.CultureInfo.InvariantCulture);
        var records = new List<string[]>();
        while (await parser.ReadAsync())
        {
            records.Add(parser.Record!);
        }

        return records;
    }

    public static Func<JsonElement, bool> StatusIs(string status) => job => job.GetProperty("status").GetString() == status;

    public static string Csv(params string[] phones) => "phone\n" + string.Join('\n', phones) + "\n";
}
