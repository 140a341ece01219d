using BatchCalling.Jobs;
using BatchCalling.Organizations;

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

    [Theory]
    [InlineData(0.10, AgentArchitecture.Pipeline, 2)]
    [InlineData(0.035, AgentArchitecture.Pipeline, 1)]
    [InlineData(0.0349, AgentArchitecture.Pipeline, 0)]
    [InlineData(-3, AgentArchitecture.Pipeline, 0)]
    [InlineData(0.10, AgentArchitecture.Realtime, 1)]
    public void A_balance_covers_the_calls_it_pays_for_at_the_price_of_an_assumed_call(double credits, AgentArchitecture agent, int covered)
    {
        var billing = new JobBilling("job", new JobState { AgentArchitecture = agent }, null!);
        var check = new DispatchCheck(null, null, Credits: (decimal)credits);

        Assert.Equal((covered, covered > 0), (billing.CallsCovered(check), billing.Covers(check)));
    }
}
