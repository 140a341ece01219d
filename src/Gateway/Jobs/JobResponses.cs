using BatchCalling.Contacts;
using BatchCalling.Jobs;
using BatchCalling.Parsing;

namespace BatchCalling.Gateway.Jobs;

/// <summary>The job object of the list endpoint, on the wire.</summary>
public record JobResponse(
    string Id, string Name, string? Description, string Status, int TotalContacts, int ContactsProcessed,
    int SuccessfulCalls, int FailedCalls, DateTimeOffset? ScheduledStartTime, DateTimeOffset? ActualStartTime,
    DateTimeOffset? CompletedAt, DateTimeOffset CreatedAt)
{
    public static JobResponse From(JobSummary s) => new(s.Id, s.Name, s.Description, WireNames.Of(s.Status), s.TotalContacts,
        s.ContactsProcessed, s.SuccessfulCalls, s.FailedCalls, s.ScheduledStartTime, s.ActualStartTime, s.CompletedAt, s.CreatedAt);
}

/// <summary>The job object of the detail endpoint, on the wire.</summary>
public sealed record JobDetailResponse(
    string Id, string Name, string? Description, string Status, int TotalContacts, int ContactsProcessed,
    int SuccessfulCalls, int FailedCalls, DateTimeOffset? ScheduledStartTime, DateTimeOffset? ActualStartTime,
    DateTimeOffset? CompletedAt, DateTimeOffset CreatedAt, string FromPhoneNumberId, int ConcurrentCallLimit,
    int MaxAttempts, int RetryDelaySeconds, string Timezone, string EstimatedCost, string ActualCost,
    DateTimeOffset? CancelledAt, string? FailureReason, string? ScheduledJobId,
    IReadOnlyDictionary<string, int> ContactStatusCounts, double Progress)
{
    public static JobDetailResponse From(JobDetail d)
    {
        var s = d.Summary;
        return new(s.Id, s.Name, s.Description, WireNames.Of(s.Status), s.TotalContacts, s.ContactsProcessed, s.SuccessfulCalls,
            s.FailedCalls, s.ScheduledStartTime, s.ActualStartTime, s.CompletedAt, s.CreatedAt, d.FromPhoneNumberId,
            d.ConcurrentCallLimit, d.MaxAttempts, d.RetryDelaySeconds, d.Timezone, JobEstimator.FormatCost(d.EstimatedCost),
            JobEstimator.FormatCost(d.ActualCost), d.CancelledAt, d.FailureReason, d.ScheduledJobId, d.ContactStatusCounts, d.Progress);
    }
}

public sealed record JobListResponse(IReadOnlyList<JobResponse> BatchJobs, int Total, int Page, int PageSize);

public sealed record CreateJobResponse(
    bool Success, string BatchJobId, int TotalContacts, string EstimatedDuration, string EstimatedCost, string Status,
    DateTimeOffset? ScheduledStartTime, string Message, int SkippedCount, IReadOnlyList<SkippedContact> SkippedContacts);

public sealed record StartJobResponse(
    bool Success, string Message, string BatchJobId, string Status, int ContactsEnqueued, bool RedisJobCancelled, DateTimeOffset? StartedAt);

public sealed record CancelJobResponse(bool Success, string Message, string BatchJobId, bool RedisJobCancelled, int ContactsCancelled);

public sealed record RescheduleJobResponse(
    bool Success, string Message, string BatchJobId, DateTimeOffset? ScheduledStartTime, string Status, bool OldJobCancelled, string? NewScheduledJobId);

public sealed record CallResponse(string CallId, int Attempt, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? Outcome, double? DurationSeconds);

public sealed record ContactResponse(
    int Index, string Phone, string? Name, System.Text.Json.JsonElement? CustomFields, string Status, int Attempts,
    string? LastOutcome, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, IReadOnlyList<CallResponse> Calls)
{
    public static ContactResponse From(ContactView c) => new(
        c.Index, c.Contact.Phone, c.Contact.Name,
        c.Contact.CustomFieldsJson is { } json ? System.Text.Json.JsonDocument.Parse(json).RootElement : null,
        WireNames.Of(c.Status), c.Attempts, c.LastOutcome is { } o ? WireNames.Of(o) : null, c.LastAttemptAt, c.NextAttemptAt,
        [.. c.Calls.Select(a => new CallResponse(a.CallId, a.Attempt, a.StartedAt, a.EndedAt, a.Outcome is { } x ? WireNames.Of(x) : null, a.DurationSeconds))]);
}

public sealed record ContactListResponse(IReadOnlyList<ContactResponse> Contacts, int Total, int Page, int PageSize);
