using BatchCalling.Wire;
using BatchCalling.Jobs;
using BatchCalling.Organizations;

namespace BatchCalling.UnitTests.Jobs;

public sealed class JobEstimatorTests
{
    [Theory]
    [InlineData(9998, AgentArchitecture.Pipeline, "$349.93")]
    [InlineData(100, AgentArchitecture.Realtime, "$7.00")]
    [InlineData(1, AgentArchitecture.Pipeline, "$0.04")]
    public void Cost_is_contacts_times_the_rate_per_call(int contacts, AgentArchitecture architecture, string expected) =>
        Assert.Equal(expected, Costs.Format(JobEstimator.EstimateCost(contacts, architecture)));

    [Theory]
    [InlineData(10, 5, 10, "~4 minutes")]
    [InlineData(1, 5, 10, "~2 minutes")]
    [InlineData(30, 50, 1, "~1 hour")]
    [InlineData(31, 1, 10, "~1 hour 2 minutes")]
    [InlineData(10_000, 50, 10, "~33 hours 20 minutes")]
    [InlineData(9998, 50, 149, "~6 hours 40 minutes")]
    [InlineData(9998, 150, 149, "~2 hours 14 minutes")]
    public void Duration_is_two_minutes_a_contact_over_the_effective_concurrency(int contacts, int jobLimit, int orgLimit, string expected) =>
        Assert.Equal(expected, JobEstimator.EstimateDuration(contacts, jobLimit, orgLimit));

    [Fact]
    public void A_call_costs_its_share_of_two_minutes() =>
        Assert.Equal(0.0175m, JobEstimator.CallCost(60, AgentArchitecture.Pipeline));

    [Fact]
    public void Calls_cost_their_total_length_as_one_call_of_it_would() =>
        Assert.Equal(JobEstimator.CallCost(30, AgentArchitecture.Pipeline) + JobEstimator.CallCost(60, AgentArchitecture.Pipeline),
            JobEstimator.CostOf(90_000, AgentArchitecture.Pipeline));
}
