using System.Globalization;
using System.Text.Json;

namespace BatchCalling.Dialing.Twilio;

/// <summary>A call resource of Twilio's Calls API: the members the dialer reads (<c>sid</c>, <c>status</c>, <c>answered_by</c>, <c>duration</c>, <c>date_created</c>).</summary>
internal sealed record TwilioCall(string Sid, string? Status, string? AnsweredBy, double DurationSeconds, DateTimeOffset? DateCreated)
{
    /// <summary>Twilio keeps <c>date_created</c> to the second and its clock is not ours: a call our dial made may seem a little older than the dial.</summary>
    private static readonly TimeSpan CreatedBeforeDial = TimeSpan.FromSeconds(2);

    /// <summary>A dial is one request of a few seconds, never retried: a call created this long after it is not its call.</summary>
    private static readonly TimeSpan CreatedAfterDial = TimeSpan.FromSeconds(60);

    /// <summary>Still queued, dialing, ringing or connected: a hang-up can end it.</summary>
    public bool IsLive => Status is "queued" or "initiated" or "ringing" or "in-progress";

    public bool IsAnswered => Status == "in-progress";

    /// <summary>The call as our terms say it: in progress, or how it ended (API.md's table).</summary>
    public CallStatus ToStatus() =>
        CallEventMapping.TryRead(Status, null, AnsweredBy, DurationSeconds, null, out var end)
            ? new CallStatus(true, end)
            : throw new HttpRequestException($"Twilio described call {Sid} with status '{Status}', which it does not define.");

    /// <summary>
    /// Of the calls between the dial's numbers, the one that dial made: the first created from just before the dial until a
    /// minute after. Twilio lists them newest first and echoes nothing of the dial (not its StatusCallback) that could name it.
    /// </summary>
    public static TwilioCall? MadeBy(IEnumerable<TwilioCall> calls, DateTimeOffset dialedAt) =>
        calls.Where(c => c.DateCreated is { } created && created >= dialedAt - CreatedBeforeDial && created <= dialedAt + CreatedAfterDial)
            .OrderBy(c => c.DateCreated)
            .FirstOrDefault();

    /// <summary>One call resource; null when the body is not one.</summary>
    public static async Task<TwilioCall?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return Read(body.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The calls of a page of <c>GET …/Calls.json</c>.</summary>
    public static async Task<List<TwilioCall>> ReadPageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("calls", out var calls) && calls.ValueKind == JsonValueKind.Array
            ? [.. calls.EnumerateArray().Select(Read).OfType<TwilioCall>()]
            : throw new HttpRequestException("Twilio answered a list of calls without its calls.");
    }

    private static TwilioCall? Read(JsonElement resource) =>
        resource.ValueKind == JsonValueKind.Object && Text(resource, "sid") is { Length: > 0 } sid
            ? new TwilioCall(sid, Text(resource, "status"), Text(resource, "answered_by"), Seconds(resource), Created(resource))
            : null;

    private static string? Text(JsonElement resource, string name) =>
        resource.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary><c>duration</c>: whole seconds, as text (Twilio's way) or a number; empty until the call ends.</summary>
    private static double Seconds(JsonElement resource) =>
        resource.TryGetProperty("duration", out var value) ? value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) => seconds,
            _ => 0,
        } : 0;

    /// <summary><c>date_created</c>, in RFC 2822 (<c>Thu, 26 Nov 2026 10:00:00 +0000</c>).</summary>
    private static DateTimeOffset? Created(JsonElement resource) =>
        Text(resource, "date_created") is { } text
        && DateTimeOffset.TryParseExact(text, "ddd, dd MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var created)
            ? created
            : null;
}
