using BatchCalling.Organizations;

namespace BatchCalling.Jobs;

/// <summary>Whether an organization may create a job as asked, and what a repeated create is answered. Plain logic.</summary>
internal static class JobAdmission
{
    private static readonly TimeSpan IdempotencyWindow = TimeSpan.FromHours(24);

    /// <summary>The job to store and the answer to give, or the error that refuses it.</summary>
    public static (JobState? Job, CreateJobResult Result) Admit(
        string organizationId, CreateJobCommand command, OrganizationInfo? organization, Func<PhoneNumber, bool> canDial, DateTimeOffset now)
    {
        var caller = organization?.PhoneNumbers.FirstOrDefault(p => p.Id == command.FromPhoneNumberId);
        if (organization is null || caller is null)
        {
            return (null, CreateJobResult.Failure(ErrorCodes.PhoneNumberNotFound));
        }

        if (string.IsNullOrEmpty(caller.OutboundAgentId))
        {
            return (null, CreateJobResult.Failure(ErrorCodes.NoOutboundAgent));
        }

        if (!canDial(caller))
        {
            return (null, CreateJobResult.Failure(ErrorCodes.NoDialer));
        }

        var cost = JobEstimator.EstimateCost(command.Contacts.Count, caller.AgentArchitecture);
        if (cost > organization.Credits)
        {
            return (null, CreateJobResult.Failure(ErrorCodes.InsufficientCredits));
        }

        if (command.ScheduledStartTime <= now)
        {
            return (null, CreateJobResult.Failure(ErrorCodes.PastScheduledTime));
        }

        var job = JobState.Create(organizationId, command, organization, caller, cost, now);
        var created = new CreateJobResult(null, job.Status, job.TotalContacts, cost,
            JobEstimator.EstimateDuration(job.TotalContacts, job.ConcurrentCallLimit, organization.ConcurrencyLimit),
            job.ScheduledStartTime);
        // Kept only for a keyed create, whose repeats get this answer again; the job itself may have moved on since.
        job.Created = command.IdempotencyFingerprint is null ? null : created;
        return (job, created);
    }

    /// <summary>
    /// A create for a job that exists: under the same idempotency key and request within a day, the first answer again
    /// (the first create may still have been running: this turn came after it); with another request, a conflict.
    /// </summary>
    public static CreateJobResult Repeat(JobState job, string organizationId, CreateJobCommand command, DateTimeOffset now) =>
        command.IdempotencyFingerprint is not { } fingerprint || job.IdempotencyFingerprint is null || job.OrganizationId != organizationId
            ? CreateJobResult.Failure(ErrorCodes.JobExists)
            : now - job.CreatedAt > IdempotencyWindow ? CreateJobResult.Failure(ErrorCodes.IdempotencyKeyExpired)
            : fingerprint != job.IdempotencyFingerprint ? CreateJobResult.Failure(ErrorCodes.IdempotencyConflict)
            : job.Created!;
}
