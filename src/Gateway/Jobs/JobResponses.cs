using System.Text.Json.Nodes;
using BatchCalling.Contacts;
using BatchCalling.Jobs;
using BatchCalling.Gateway.Parsing;
using BatchCalling.Wire;

namespace BatchCalling.Gateway.Jobs;

/// <summary>The job object of the list endpoint, on the wire.</summary>
public sealed record JobResponse(
    string Id, string Name, string? Description, string Status, string OrganizationId, string? AgentId, string FromPhoneNumberId,
    int TotalContacts, int ContactsProcessed, int SuccessfulCalls, int FailedCalls, DateTimeOffset? ScheduledStartTime,
    DateTimeOffset? ActualStartTime, DateTimeOffset? CompletedAt, DateTimeOffset CreatedAt, int ConcurrentCallLimit,
    RetryPolicyResponse RetryPolicy, JsonObject? Metadata, string? PauseReason, DateTimeOffset? EndAt)
{
    public static JobResponse From(JobSummary s) => new(s.Id, s.Name, s.Description, WireNames.Of(s.Status), s.OrganizationId, s.AgentId,
        s.FromPhoneNumberId, s.TotalContacts, s.ContactsProcessed, s.SuccessfulCalls, s.FailedCalls, s.ScheduledStartTime, s.ActualStartTime,
        s.CompletedAt, s.CreatedAt, s.ConcurrentCallLimit, RetryPolicyResponse.From(s.RetryPolicy), WireJson.Parse(s.MetadataJson),
        s.PauseReason, s.EndAt);
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
    RetryPolicyResponse RetryPolicy, JsonObject? Metadata, string? PauseReason, DateTimeOffset? EndAt,
    int MaxAttempts, int RetryDelaySeconds, int MaxCallDurationSeconds, string Timezone, CallingWindowResponse? CallingWindow, string EstimatedCost, string ActualCost, decimal ActualCostUsd,
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
            s.ConcurrentCallLimit, s.RetryPolicy, s.Metadata, s.PauseReason, s.EndAt,
            d.Summary.RetryPolicy.MaxAttempts, d.RetryDelaySeconds, d.MaxCallDurationSeconds, d.Timezone, CallingWindowResponse.From(d.CallingWindow),
            Costs.Format(d.EstimatedCost),
            Costs.Format(d.ActualCost), Math.Round(d.ActualCost, 4, MidpointRounding.AwayFromZero), d.CancelledAt,
            d.FailureReason, d.ScheduledJobId, d.Progress, d.ContactStatusCounts, d.ContactStatusCounts, d.EstimatedCompletionTime,
            [.. d.Contacts.Contacts.Select(c => JobContactResponse.From(c, d.Summary.RetryPolicy.MaxAttempts))], d.Contacts.Total,
            contacts.Page, contacts.PageSize, contacts.Page * contacts.PageSize < d.Contacts.Total);
    }
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

/// <summary>A contact in <c>/contacts</c>: its upload, where it stands, and every call placed.</summary>
public sealed record ContactResponse(
    int Index, string Phone, string? Name, JsonObject? CustomFields, string Status, int Attempts,
    string? LastOutcome, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, IReadOnlyList<CallResponse> Calls)
{
    public static ContactResponse From(ContactView c) => new(
        c.Index, c.Contact.Phone, c.Contact.Name, WireJson.Parse(c.Contact.CustomFieldsJson),
        WireNames.Of(c.Status), c.Attempts, c.LastOutcome is { } o ? WireNames.Of(o) : null, c.LastAttemptAt, c.NextAttemptAt,
        [.. c.Calls.Select(CallResponse.From)]);
}

public sealed record ContactListResponse(IReadOnlyList<ContactResponse> Contacts, int Total, int Page, int PageSize);

/// <summary>The answer to a pause or resume: the job's status after it, and how many of its calls are on the line.</summary>
public sealed record JobControlResponse(bool Success, string Message, string BatchJobId, string Status, int CallsInProgress);
