using System.Text.Json;
using BatchCalling.Contacts;
using BatchCalling.Jobs;
using BatchCalling.Wire;

namespace BatchCalling.Webhooks;

/// <summary>Writes an event's body: the shapes and JSON conventions of the gateway's own answers (<see cref="WireJson"/>).</summary>
public static class WebhookPayloads
{
    /// <summary>The body of <paramref name="data"/>; <paramref name="calls"/> are a finished contact's calls, oldest first.</summary>
    public static string Write(WebhookEventData data, IReadOnlyList<CallAttempt> calls) => data switch
    {
        JobStatusChange s => JsonSerializer.Serialize(new JobStatusChangedPayload(s.Type, s.ChangedJobId, WireNames.Of(s.Status),
            s.PreviousStatus is { } previous ? WireNames.Of(previous) : null, s.At,
            new JobCounters(s.Total, s.Processed, s.Successful, s.Failed, s.StatusBreakdown)), WireJson.Options),
        FinishedContact c => JsonSerializer.Serialize(new ContactFinishedPayload(c.Type, c.ContactJobId,
            JobContactResponse.From(JobViews.Contact(c.Index, c.Contact, c.Progress, calls), c.MaxAttempts),
            [.. calls.Select(CallResponse.From)]), WireJson.Options),
        WebhookPing p => JsonSerializer.Serialize(new PingPayload(p.Type, p.WebhookId, p.At), WireJson.Options),
        _ => throw new ArgumentException($"No payload for {data.GetType().Name}.", nameof(data)),
    };
}
