using BatchCalling.Jobs;

namespace BatchCalling.UnitTests.Jobs;

public sealed class JobBillingTests
{
    [Fact]
    public void A_record_of_the_older_scheme_reports_only_what_it_had_not_yet_charged()
    {
        // Charged 2.00 under per-heartbeat charges, 0.50 still unpaid when it was stored.
        var job = new JobState { ActualCost = 2.5m, UnchargedCost = 0.5m };

        job.MoveToRunningTotals();
        job.MoveToRunningTotals();

        Assert.Equal((0.5m, 0m, true), (job.ChargedThrough, job.UnchargedCost, job.ReportsTotals));
        job.ActualCost += 1m;
        Assert.Equal(1.5m, job.ChargedThrough);
    }

    [Fact]
    public void A_job_of_today_reports_all_its_cost()
    {
        var job = new JobState { ActualCost = 2.5m, ReportsTotals = true };

        job.MoveToRunningTotals();

        Assert.Equal(2.5m, job.ChargedThrough);
    }
}
