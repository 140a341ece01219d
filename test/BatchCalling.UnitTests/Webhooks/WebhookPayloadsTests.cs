using System.Text.Json;
using BatchCalling.Contacts;
using BatchCalling.Jobs;
using BatchCalling.Webhooks;

namespace BatchCalling.UnitTests.Webhooks;

/// <summary>The bodies endpoints receive: API.md's fields, in the gateway's own shapes and conventions.</summary>
public sealed class WebhookPayloadsTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 15, 0, 0, TimeSpan.FromHours(1));

    private static JsonElement Written(WebhookEventData data, params CallAttempt[] calls) =>
        JsonDocument.Parse(WebhookPayloads.Write(data, calls)).RootElement;

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    [Fact]
    public void A_status_change_says_what_the_job_is_was_and_counts()
    {
        var change = new JobStatusChange("batch_1", JobStatus.Completed, JobStatus.Running, At, 3, 3, 2, 1,
            new Dictionary<string, int> { ["completed"] = 2, ["busy"] = 1 });

        var body = Written(change);

        Assert.Equal(["at", "counters", "jobId", "previousStatus", "status", "type"], Names(body));
        Assert.Equal(("job.status_changed", "batch_1", "completed", "running", "2026-03-01T14:00:00Z"),
            (body.GetProperty("type").GetString(), body.GetProperty("jobId").GetString(), body.GetProperty("status").GetString(),
             body.GetProperty("previousStatus").GetString(), body.GetProperty("at").GetString()));
        var counters = body.GetProperty("counters");
        Assert.Equal(["failed", "processed", "statusBreakdown", "successful", "total"], Names(counters));
        Assert.Equal((3, 3, 2, 1, 1), (counters.GetProperty("total").GetInt32(), counters.GetProperty("processed").GetInt32(),
            counters.GetProperty("successful").GetInt32(), counters.GetProperty("failed").GetInt32(),
            counters.GetProperty("statusBreakdown").GetProperty("busy").GetInt32()));
    }

    [Fact]
    public void A_new_job_has_no_previous_status()
    {
        var body = Written(new JobStatusChange("batch_1", JobStatus.Pending, null, At, 1, 0, 0, 0, new Dictionary<string, int> { ["pending"] = 1 }));

        Assert.Equal(JsonValueKind.Null, body.GetProperty("previousStatus").ValueKind);
    }

    [Fact]
    public void A_finished_contact_is_the_detail_contact_object_with_every_call()
    {
        var contact = new FinishedContact("batch_1", 7, new ContactInput("+12025550101", "Ada", """{"plan":"gold"}"""),
            new ContactProgress { Status = ContactStatus.Busy, Attempts = 2, LastOutcome = CallOutcome.Busy, LastAttemptAt = At, CompletedAt = At, LastCallSeconds = 3.4 },
            MaxAttempts: 2);
        CallAttempt[] calls =
        [
            new() { CallId = "call_1", Attempt = 1, StartedAt = At, EndedAt = At, Outcome = CallOutcome.NoAnswer, ErrorCode = "480" },
            new() { CallId = "call_2", Attempt = 2, StartedAt = At, EndedAt = At, Outcome = CallOutcome.Busy, ErrorCode = "486", RoomName = "room_2",
                Results = new CallResults("room_2", "busy", null, null, "Line busy", """{"intent":"none"}""") },
        ];

        var body = Written(contact, calls);

        Assert.Equal(["calls", "contact", "jobId", "type"], Names(body));
        var shown = body.GetProperty("contact");
        Assert.Equal(
            ["attemptCount", "callDuration", "completedAt", "contactData", "endedReason", "errorCode", "failureReason", "id", "lastAttemptAt",
             "maxAttempts", "nextRetryAt", "phoneNumber", "recordingUrl", "roomName", "status", "summary", "waitReason"],
            Names(shown));
        Assert.Equal(("contact_000007", "busy", "486", "room_2", "busy", 3, "gold"),
            (shown.GetProperty("id").GetString(), shown.GetProperty("status").GetString(), shown.GetProperty("errorCode").GetString(),
             shown.GetProperty("roomName").GetString(), shown.GetProperty("failureReason").GetString(), shown.GetProperty("callDuration").GetInt32(),
             shown.GetProperty("contactData").GetProperty("plan").GetString()));
        Assert.Equal(["call_1", "call_2"], body.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("callId").GetString()));
        var last = body.GetProperty("calls")[1];
        Assert.Equal(
            ["analysis", "attempt", "callId", "durationSeconds", "endedAt", "endedReason", "errorCode", "outcome", "recordingUrl", "roomName",
             "startedAt", "summary", "transcript"],
            Names(last));
        Assert.Equal(("busy", "none"), (last.GetProperty("outcome").GetString(), last.GetProperty("analysis").GetProperty("intent").GetString()));
    }

    [Fact]
    public void A_ping_names_its_endpoint()
    {
        var body = Written(new WebhookPing("evt_ping_1", "wh_1", At));

        Assert.Equal(("ping", "wh_1", "2026-03-01T14:00:00Z"),
            (body.GetProperty("type").GetString(), body.GetProperty("webhookId").GetString(), body.GetProperty("at").GetString()));
    }
}
