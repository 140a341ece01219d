namespace BatchCalling.Organizations;

/// <summary>
/// An organization's credits and what each job has been charged. Every change is written before it counts (and undone
/// when the write fails), and a job reports running totals, so a retried or repeated report never charges twice.
/// </summary>
internal sealed class CreditLedger(OrganizationState org, Func<Task> write)
{
    /// <summary>How many closed jobs are remembered to ignore late copies of their reports; they arrive within seconds.</summary>
    public const int ClosedJobsKept = 1000;

    /// <summary>Takes what the job's reported total adds to what it was already charged; on close, forgets the job.</summary>
    public Task ChargeAsync(ChargeReport report)
    {
        if (org.ClosedJobs.Contains(report.JobId))
        {
            return Task.CompletedTask;
        }

        var hadEntry = org.ChargedByJob.TryGetValue(report.JobId, out var charged);
        var due = Math.Max(0, report.ChargedThrough - charged);
        if (due == 0 && !report.Close)
        {
            return Task.CompletedTask;
        }

        var credits = org.Credits;
        string? forgotten = null;
        return StoredChange.ApplyAsync(
            () =>
            {
                org.Credits -= due;
                if (report.Close)
                {
                    org.ChargedByJob.Remove(report.JobId);
                    org.ClosedJobs.Add(report.JobId);
                    if (org.ClosedJobs.Count > ClosedJobsKept)
                    {
                        forgotten = org.ClosedJobs[0];
                        org.ClosedJobs.RemoveAt(0);
                    }
                }
                else
                {
                    org.ChargedByJob[report.JobId] = charged + due;
                }
            },
            () =>
            {
                org.Credits = credits;
                if (hadEntry)
                {
                    org.ChargedByJob[report.JobId] = charged;
                }
                else
                {
                    org.ChargedByJob.Remove(report.JobId);
                }

                if (report.Close)
                {
                    org.ClosedJobs.Remove(report.JobId);
                    if (forgotten is not null)
                    {
                        org.ClosedJobs.Insert(0, forgotten);
                    }
                }
            },
            write);
    }

    /// <summary>Adds (or, when negative, subtracts) credits.</summary>
    public Task AddAsync(decimal amount)
    {
        var credits = org.Credits;
        return StoredChange.ApplyAsync(() => org.Credits += amount, () => org.Credits = credits, write);
    }
}
