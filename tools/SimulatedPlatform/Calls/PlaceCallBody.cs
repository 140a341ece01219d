using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace BatchCalling.SimulatedPlatform.Calls;

/// <summary>
/// The cluster's <c>POST /calls</c>, the members the platform acts on; <c>agentId</c>, <c>metadata</c> and
/// <c>ringTimeoutSeconds</c> are accepted and ignored (a simulated call has no agent and rings for its scripted length).
/// </summary>
public sealed record PlaceCallBody(
    string? CallId, int Attempt, string? JobId, string? OrganizationId, string? To, string? From, ContactBody? Contact,
    string? EventsUrl, int? MaxDurationSeconds)
{
    /// <summary>The body, or why it is not one: malformed JSON, a member missing or out of range.</summary>
    public static bool TryParse(string json, [NotNullWhen(true)] out PlaceCallBody? body, [NotNullWhen(false)] out string? problem)
    {
        try
        {
            body = JsonSerializer.Deserialize<PlaceCallBody>(json, JsonSerializerOptions.Web);
            problem = body is null ? "The body is null." : body.Problem();
        }
        catch (JsonException e)
        {
            (body, problem) = (null, "The body is not JSON of a call: " + e.Message);
        }

        return problem is null;
    }

    private string? Problem()
    {
        // The call id goes into URLs and into the webhook-id header of its events: plain characters only.
        if (CallId is not { Length: > 0 and <= 200 } id || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':'))
        {
            return "callId must be 1 to 200 letters, digits, '_', '-', '.' or ':'.";
        }

        if (string.IsNullOrEmpty(JobId) || string.IsNullOrEmpty(OrganizationId))
        {
            return "jobId and organizationId are required.";
        }

        if (Attempt < 1)
        {
            return "attempt must be 1 or more.";
        }

        return Uri.TryCreate(EventsUrl, UriKind.Absolute, out var events) && events.Scheme is "http" or "https"
            ? null
            : "eventsUrl must be an absolute http or https address.";
    }
}
