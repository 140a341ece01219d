using BatchCalling.Jobs;

namespace BatchCalling.UnitTests.Jobs;

public sealed class DispatchOptionsTests
{
    [Theory]
    [InlineData(90, 90)]
    [InlineData(7200, 7200)]
    [InlineData(0, 1800)] // a job stored before jobs asked
    public void A_call_lasts_what_its_job_asked_within_the_deployments_two_hours(int asked, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), new DispatchOptions().CallLimit(asked));

    [Fact]
    public void The_deployments_maximum_cuts_any_jobs_limit() =>
        Assert.Equal(TimeSpan.FromSeconds(5), new DispatchOptions { MaxCallDuration = TimeSpan.FromSeconds(5) }.CallLimit(600));
}
