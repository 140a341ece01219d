using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BatchCalling.Testing;

namespace BatchCalling.ClusterTests;

/// <summary>The cluster's side of the simulated platform's Twilio subset, for its contract tests: HTTP Basic auth with the account, unless told otherwise.</summary>
public sealed class TwilioClient(Uri baseAddress) : IDisposable
{
    private const string Calls = $"/2010-04-01/Accounts/{PlatformProcess.TwilioAccountSid}/Calls";

    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A dial as the twilio dialer sends it.</summary>
    public static List<KeyValuePair<string, string>> Dial(string to, string statusCallback, bool machineDetection = false, int timeLimit = 600)
    {
        List<KeyValuePair<string, string>> form =
        [
            new("To", to),
            new("From", "+12025550100"),
            new("Url", "https://agents.example.com/twiml"),
            new("StatusCallback", statusCallback),
            new("StatusCallbackEvent", "initiated"),
            new("StatusCallbackEvent", "ringing"),
            new("StatusCallbackEvent", "answered"),
            new("StatusCallbackEvent", "completed"),
            new("StatusCallbackMethod", "POST"),
            new("Timeout", "30"),
            new("TimeLimit", timeLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
        if (machineDetection)
        {
            form.Add(new("MachineDetection", "Enable"));
        }

        return form;
    }

    public Task<HttpResponseMessage> PlaceAsync(IEnumerable<KeyValuePair<string, string>> form) => SendAsync(HttpMethod.Post, Calls + ".json", form);

    public Task<HttpResponseMessage> GetAsync(string sid) => SendAsync(HttpMethod.Get, $"{Calls}/{sid}.json");

    public Task<HttpResponseMessage> ListAsync(string query) => SendAsync(HttpMethod.Get, $"{Calls}.json?{query}");

    public Task<HttpResponseMessage> UpdateAsync(string sid, string status) => SendAsync(HttpMethod.Post, $"{Calls}/{sid}.json", [new("Status", status)]);

    /// <summary>The call resource, as GET answers it.</summary>
    public async Task<JsonElement> CallAsync(string sid) =>
        await (await GetAsync(sid)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>A request to <paramref name="path"/> authenticated as <paramref name="user"/>:<paramref name="password"/> (the account's by default).</summary>
    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? form = null,
        string user = PlatformProcess.TwilioAccountSid, string password = PlatformProcess.TwilioAuthToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return await _http.SendAsync(request);
    }

    public void Dispose() => _http.Dispose();
}
