using BatchCalling.Organizations;

namespace BatchCalling.Jobs;

/// <summary>
/// A job's account with its organization: each report carries the running total of what its ended calls cost, so a
/// repeated report (after a failed write, a crash) charges nothing twice; the last one, once every call has ended,
/// closes the account.
/// </summary>
internal sealed class JobBilling(string jobId, JobState job, IGrainFactory grains)
{
    private IOrganizationGrain Organization => grains.GetGrain<IOrganizationGrain>(job.OrganizationId);

    /// <summary>Charges what is due and learns whether the job may dial on, and with which caller.</summary>
    public Task<DispatchCheck> CheckAsync() =>
        Organization.CheckDispatchAsync(new ChargeReport(jobId, job.FromPhoneNumberId, job.ChargedThrough, Close: false));

    /// <summary>How many calls the organization's balance covers, each at the price of an assumed call of the job's agent.</summary>
    public int CallsCovered(DispatchCheck check) =>
        (int)Math.Clamp(Math.Floor(check.Credits / JobEstimator.RatePerCall(job.AgentArchitecture)), 0, int.MaxValue);

    /// <summary>The balance covers at least one more call.</summary>
    public bool Covers(DispatchCheck check) => CallsCovered(check) > 0;

    /// <summary>Sends the last report; true when the job's record changed and must be stored (until it is, the next beat sends it again).</summary>
    public async Task<bool> CloseAsync()
    {
        if (job.BillingClosed)
        {
            return false;
        }

        await Organization.CheckDispatchAsync(new ChargeReport(jobId, job.FromPhoneNumberId, job.ChargedThrough, Close: true));
        job.BillingClosed = true;
        return true;
    }
}
