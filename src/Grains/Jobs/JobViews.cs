using BatchCalling.Contacts;

namespace BatchCalling.Jobs;

/// <summary>
/// What a job shows: from its live board while one is loaded, else from the counters its record keeps, so a
/// job that is not dialing answers without reading its contacts.
/// </summary>
internal static class JobViews
{
    /// <summary>The name <see cref="ContactStatus.Dialing"/> had before; counts stored under it are shown under the new one.</summary>
    private const string LegacyDialingName = "in_progress";

    public static JobSummary Summary(string jobId, JobState job, ContactBoard? board) =>
        new(jobId, job.Name, job.Description, job.Status, job.TotalContacts,
            board?.FinalCount ?? job.ContactsProcessed, board?.Successful ?? job.SuccessfulCalls, board?.Failed ?? job.FailedCalls,
            job.ScheduledStartTime, job.ActualStartTime, job.CompletedAt, job.CreatedAt, job.OrganizationId, job.AgentId,
            job.FromPhoneNumberId, job.ConcurrentCallLimit, job.RetryPolicy, job.MetadataJson,
            job.Status == JobStatus.Paused ? job.PauseReason : null, job.EndAt);

    public static JobDetail Detail(string jobId, JobState job, ContactBoard? board, ContactPage contacts, DateTimeOffset now)
    {
        var processed = board?.FinalCount ?? job.ContactsProcessed;
        return new JobDetail(
            Summary(jobId, job, board), job.RetryDelaySeconds, job.Timezone, job.EstimatedCost, job.ActualCost, job.CancelledAt,
            job.FailureReason, job.ScheduledJobId, StatusCounts(job, board),
            job.TotalContacts == 0 ? 0 : Math.Round(100.0 * processed / job.TotalContacts, 1),
            job.Status == JobStatus.Running ? EstimatedCompletion(job, job.TotalContacts - processed, now) : null,
            contacts, job.MaxCallDurationSeconds > 0 ? job.MaxCallDurationSeconds : DispatchOptions.DefaultJobMaxCallSeconds,
            job.CallingWindow);
    }

    /// <summary>Contacts per wire status: from the live board while one is loaded, else as last stored.</summary>
    public static IReadOnlyDictionary<string, int> StatusCounts(JobState job, ContactBoard? board) =>
        board?.CountsByStatus(WireNames.Of) ?? StoredCounts(job);

    /// <summary>Every contact not yet final needs at least one more call, at the job's effective concurrency.</summary>
    public static DateTimeOffset EstimatedCompletion(JobState job, int remaining, DateTimeOffset now)
    {
        var concurrency = Math.Max(1, job.OrganizationConcurrencyLimit > 0
            ? Math.Min(job.ConcurrentCallLimit, job.OrganizationConcurrencyLimit)
            : job.ConcurrentCallLimit);
        var rounds = (remaining + concurrency - 1) / concurrency;
        return now + rounds * JobEstimator.AssumedCallDuration;
    }

    public static ContactView Contact(int index, ContactInput input, ContactProgress progress, IReadOnlyList<CallAttempt> calls) =>
        new(index, input, progress.Status, progress.Attempts, progress.LastOutcome, progress.LastAttemptAt, progress.NextAttemptAt, calls,
            progress.CompletedAt, progress.LastCallSeconds, FailureReason(progress), WaitReasonOf(progress));

    /// <summary>Why a contact that is not final waits, when it does: a window, a cap, or else the retry delay.</summary>
    public static string? WaitReasonOf(ContactProgress progress) =>
        progress.IsFinal || progress.NextAttemptAt is null ? null
        : progress.WaitReason is { } reason ? WireNames.Of(reason)
        : "retry_delay";

    public static ContactExportRow ExportRow(int index, ContactInput input, ContactProgress progress, CallAttempt? lastCall) =>
        new(index, input, progress.Status, progress.Attempts, progress.LastOutcome, lastCall?.ErrorCode, progress.LastCallSeconds,
            progress.LastAttemptAt, progress.CompletedAt, lastCall?.Results?.Summary, lastCall?.Results?.RecordingUrl);

    /// <summary>Why a contact ended without a completed call: the job was cancelled, or how its last call ended.</summary>
    public static string? FailureReason(ContactProgress progress) => progress switch
    {
        { IsFinal: false } or { Status: ContactStatus.Completed } => null,
        { EndReason: { } reason } => WireNames.Of(reason),
        { Status: ContactStatus.Cancelled } => "job_cancelled",
        { LastOutcome: { } outcome } => WireNames.Of(outcome),
        _ => WireNames.Of(progress.Status),
    };

    private static Dictionary<string, int> StoredCounts(JobState job) =>
        job.StatusCounts.ContainsKey(LegacyDialingName)
            ? job.StatusCounts.ToDictionary(c => c.Key == LegacyDialingName ? WireNames.Of(ContactStatus.Dialing) : c.Key, c => c.Value)
            : job.StatusCounts;
}
