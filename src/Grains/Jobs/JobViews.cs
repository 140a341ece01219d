using BatchCalling.Contacts;

namespace BatchCalling.Jobs;

/// <summary>
/// What a job shows: from its live board while one is loaded, else from the counters its record keeps, so a
/// job that is not dialing answers without reading its contacts.
/// </summary>
internal static class JobViews
{
    public static JobSummary Summary(string jobId, JobState job, ContactBoard? board) =>
        new(jobId, job.Name, job.Description, job.Status, job.TotalContacts,
            board?.FinalCount ?? job.ContactsProcessed, board?.Successful ?? job.SuccessfulCalls, board?.Failed ?? job.FailedCalls,
            job.ScheduledStartTime, job.ActualStartTime, job.CompletedAt, job.CreatedAt);

    public static JobDetail Detail(string jobId, JobState job, ContactBoard? board)
    {
        var processed = board?.FinalCount ?? job.ContactsProcessed;
        return new JobDetail(
            Summary(jobId, job, board), job.FromPhoneNumberId, job.ConcurrentCallLimit, job.MaxAttempts, job.RetryDelaySeconds,
            job.Timezone, job.EstimatedCost, job.ActualCost, job.CancelledAt, job.FailureReason, job.ScheduledJobId,
            board?.CountsByStatus(WireNames.Of) ?? job.StatusCounts,
            job.TotalContacts == 0 ? 0 : Math.Round(100.0 * processed / job.TotalContacts, 1));
    }

    public static ContactView Contact(int index, ContactInput input, ContactProgress progress, IReadOnlyList<CallAttempt> calls) =>
        new(index, input, progress.Status, progress.Attempts, progress.LastOutcome, progress.LastAttemptAt, progress.NextAttemptAt, calls);
}
