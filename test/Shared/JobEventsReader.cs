using System.Net.ServerSentEvents;

namespace BatchCalling.Testing;

/// <summary>An open <c>/batch/jobs/events</c> stream, read in the background: each event (pings too) goes to a handler as it comes.</summary>
public sealed class JobEventsReader : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpResponseMessage _response;
    private readonly Task _reading;

    private JobEventsReader(HttpResponseMessage response, Action<SseItem<string>> onEvent)
    {
        _response = response;
        _reading = ReadAsync(onEvent);
    }

    /// <summary>Opens a stream of <paramref name="jobIds"/>, and with <paramref name="listed"/> of the organization's new jobs.</summary>
    public static async Task<JobEventsReader> OpenAsync(HttpClient http, IEnumerable<string> jobIds, Action<SseItem<string>> onEvent, bool listed = false)
    {
        var query = jobIds.Select(id => "id=" + id).Concat(listed ? ["listed=true"] : []);
        var response = await http.GetAsync("/batch/jobs/events?" + string.Join('&', query), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            throw new InvalidOperationException($"Not an event stream: {response.Content.Headers.ContentType}");
        }

        return new JobEventsReader(response, onEvent);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        await _reading.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task ReadAsync(Action<SseItem<string>> onEvent)
    {
        await using var body = await _response.Content.ReadAsStreamAsync(_stop.Token);
        await foreach (var item in SseParser.Create(body).EnumerateAsync(_stop.Token))
        {
            onEvent(item);
        }
    }
}
