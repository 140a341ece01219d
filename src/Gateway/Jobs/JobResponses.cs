using System.Text.Json.Nodes;
using BatchCalling.Contacts;
using BatchCalling.Jobs;
using BatchCalling.Parsing;

namespace BatchCalling.Gateway.Jobs;

/// <summary>The job object of the list endpoint, on the wire.</summary>
public sealed record JobResponse(
    string Id, string Name, string? Description, string Status, string OrganizationId, string? AgentId, string FromPhoneNumberId,
    int TotalContacts, int ContactsProcessed, int SuccessfulCalls, int FailedCalls, DateTimeOffset? ScheduledStartTime,
    DateTimeOffset? ActualStartTime, DateTimeOffset? CompletedAt, DateTimeOffset CreatedAt, int ConcurrentCallLimit,
    RetryPolicyResponse RetryPolicy, JsonObject? Metadata)
{
    public static JobResponse From(JobSummary s) => new(s.Id, s.Name, s.Description, WireNames.Of(s.Status), s.OrganizationId, s.AgentId,
        s.FromPhoneNumberId, s.TotalContacts, s.ContactsProcessed, s.SuccessfulCalls, s.FailedCalls, s.ScheduledStartTime, s.ActualStartTime,
        s.CompletedAt, s.CreatedAt, s.ConcurrentCallLimit, RetryPolicyResponse.From(s.RetryPolicy), Json.Parse(s.MetadataJson));
}

/// <summary><c>retryPolicy</c> on the wire: how many attempts, and which contact statuses are tried again.</summary>
public sealed record RetryPolicyResponse(int MaxAttempts, IReadOnlyList<string> RetryableStatuses)
{
    public static RetryPolicyResponse From(RetryPolicy policy) =>
        new(policy.MaxAttempts, [.. policy.RetryableOutcomes.Select(o => WireNames.Of(ContactOutcomes.ToStatus(o)))]);
}

/// <summary>The job object of the detail endpoint, on the wire: the list object's fields, then the detail's own.</summary>
public sealed record JobDetailResponse(
    string Id, string Name, string? Description, string Status, string OrganizationId, string? AgentId, string FromPhoneNumberId,
    int TotalContacts, int ContactsProcessed, int SuccessfulCalls, int FailedCalls, DateTimeOffset? ScheduledStartTime,
    DateTimeOffset? ActualStartTime, DateTimeOffset? CompletedAt, DateTimeOffset CreatedAt, int ConcurrentCallLimit,
    RetryPolicyResponse RetryPolicy, JsonObject? Metadata,
    int MaxAttempts, int RetryDelaySeconds, string Timezone, string EstimatedCost, string ActualCost, decimal ActualCostUsd,
    DateTimeOffset? CancelledAt, string? FailureReason, string? ScheduledJobId, double Progress,
    IReadOnlyDictionary<string, int> StatusBreakdown, IReadOnlyDictionary<string, int> ContactStatusCounts,
    DateTimeOffset? EstimatedCompletionTime,
    IReadOnlyList<JobContactResponse> Contacts, int ContactsTotal, int ContactsPage, int ContactsPageSize, bool ContactsHasMore)
{
    public static JobDetailResponse From(JobDetail d, ContactQuery contacts)
    {
        var s = JobResponse.From(d.Summary);
        return new(s.Id, s.Name, s.Description, s.Status, s.OrganizationId, s.AgentId, s.FromPhoneNumberId, s.TotalContacts,
            s.ContactsProcessed, s.SuccessfulCalls, s.FailedCalls, s.ScheduledStartTime, s.ActualStartTime, s.CompletedAt, s.CreatedAt,
            s.ConcurrentCallLimit, s.RetryPolicy, s.Metadata,
            d.Summary.RetryPolicy.MaxAttempts, d.RetryDelaySeconds, d.Timezone, JobEstimator.FormatCost(d.EstimatedCost),
            JobEstimator.FormatCost(d.ActualCost), Math.Round(d.ActualCost, 4, MidpointRounding.AwayFromZero), d.CancelledAt,
            d.FailureReason, d.ScheduledJobId, d.Progress, d.ContactStatusCounts, d.ContactStatusCounts, d.EstimatedCompletionTime,
            [.. d.Contacts.Contacts.Select(c => JobContactResponse.From(c, d.Summary.RetryPolicy.MaxAttempts))], d.Contacts.Total,
            contacts.Page, contacts.PageSize, contacts.Page * contacts.PageSize < d.Contacts.Total);
    }
}

/// <summary>
/// A contact in the job detail: the seed product's shape (its <c>errorCode</c>, <c>roomName</c> and <c>callDuration</c>
/// are the last call's, as the platform gave them), plus why it waits and what the platform said of the last call.
/// </summary>
public sealed record JobContactResponse(
    string Id, string PhoneNumber, JsonObject ContactData, string Status, string? ErrorCode, int AttemptCount, int MaxAttempts,
    DateTimeOffset? LastAttemptAt, DateTimeOffset? NextRetryAt, DateTimeOffset? CompletedAt, string? RoomName, string? FailureReason,
    int? CallDuration, string? WaitReason, string? EndedReason, string? RecordingUrl, string? Summary)
{
    public static JobContactResponse From(ContactView c, int maxAttempts)
    {
        var last = c.Calls.Count > 0 ? c.Calls[^1] : null;
        return new(
            ContactId(c.Index), c.Contact.Phone, Json.ContactData(c.Contact), WireNames.Of(c.Status), last?.ErrorCode, c.Attempts, maxAttempts,
            c.LastAttemptAt, c.NextAttemptAt, c.CompletedAt, last?.RoomName, c.FailureReason,
            c.LastCallSeconds is { } seconds ? (int)Math.Round(seconds, MidpointRounding.AwayFromZero) : null, c.WaitReason,
            last?.Results?.EndedReason, last?.Results?.RecordingUrl, last?.Results?.Summary);
    }

    /// <summary><c>contact_000017</c>: the contact's 0-based position in the upload.</summary>
    public static string ContactId(int index) => $"contact_{index:D6}";
}

public sealed record JobListResponse(IReadOnlyList<JobResponse> BatchJobs, int Total, int Page, int PageSize);

public sealed record CreateJobResponse(
    bool Success, string BatchJobId, int TotalContacts, string EstimatedDuration, string EstimatedCost, string Status,
    DateTimeOffset? ScheduledStartTime, string Message, int SkippedCount, IReadOnlyList<SkippedContact> SkippedContacts);

/// <summary>What a create with <c>dryRun</c> would have answered: no job id, since nothing was created.</summary>
public sealed record DryRunResponse(
    bool Success, bool DryRun, int TotalContacts, string EstimatedDuration, string EstimatedCost, string Status,
    DateTimeOffset? ScheduledStartTime, string Message, int SkippedCount, IReadOnlyList<SkippedContact> SkippedContacts);

public sealed record StartJobResponse(
    bool Success, string Message, string BatchJobId, string Status, int ContactsEnqueued, bool RedisJobCancelled, DateTimeOffset? StartedAt);

public sealed record CancelJobResponse(bool Success, string Message, string BatchJobId, bool RedisJobCancelled, int ContactsCancelled);

public sealed record RescheduleJobResponse(
    bool Success, string Message, string BatchJobId, DateTimeOffset? ScheduledStartTime, string Status, bool OldJobCancelled, string? NewScheduledJobId);

/// <summary>One call placed for a contact, with the platform's code, room and results (its final event's) when it gave them.</summary>
public sealed record CallResponse(
    string CallId, int Attempt, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? Outcome, double? DurationSeconds, string? ErrorCode,
    string? RoomName, string? EndedReason, string? RecordingUrl, string? Transcript, string? Summary, JsonObject? Analysis)
{
    public static CallResponse From(CallAttempt call) => new(
        call.CallId, call.Attempt, call.StartedAt, call.EndedAt, call.Outcome is { } outcome ? WireNames.Of(outcome) : null, call.DurationSeconds,
        call.ErrorCode, call.RoomName, call.Results?.EndedReason, call.Results?.RecordingUrl, call.Results?.Transcript, call.Results?.Summary,
        Json.Parse(call.Results?.AnalysisJson));
}

/// <summary>A contact in <c>/contacts</c>: its upload, where it stands, and every call placed.</summary>
public sealed record ContactResponse(
    int Index, string Phone, string? Name, JsonObject? CustomFields, string Status, int Attempts,
    string? LastOutcome, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, IReadOnlyList<CallResponse> Calls)
{
    public static ContactResponse From(ContactView c) => new(
        c.Index, c.Contact.Phone, c.Contact.Name, Json.Parse(c.Contact.CustomFieldsJson),
        WireNames.Of(c.Status), c.Attempts, c.LastOutcome is { } o ? WireNames.Of(o) : null, c.LastAttemptAt, c.NextAttemptAt,
        [.. c.Calls.Select(CallResponse.From)]);
}

public sealed record ContactListResponse(IReadOnlyList<ContactResponse> Contacts, int Total, int Page, int PageSize);
