using BatchCalling.Webhooks;

namespace BatchCalling.UnitTests.Webhooks;

public sealed class DeliveryRulesTests
{
    private static readonly DateTimeOffset Made = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(12, 2048)]
    [InlineData(13, 3600)]
    [InlineData(40, 3600)]
    public void Retries_wait_twice_as_long_each_time_up_to_an_hour(int failedAttempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), DeliveryRules.Backoff(failedAttempts, jitter: 0.5));

    [Fact]
    public void The_wait_is_jittered_by_a_quarter_either_way()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), DeliveryRules.Backoff(3, jitter: 0));
        Assert.True(DeliveryRules.Backoff(3, jitter: 0.999) < TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromMinutes(75), DeliveryRules.Backoff(20, jitter: 1));
    }

    [Fact]
    public void A_failure_is_retried_while_the_retry_falls_within_a_day_of_the_event()
    {
        var failedAt = Made.AddHours(22);

        Assert.Equal(failedAt.AddHours(1), DeliveryRules.NextAttempt(20, Made, failedAt, jitter: 0.5));
    }

    [Fact]
    public void An_event_whose_next_retry_would_fall_past_a_day_is_given_up()
    {
        Assert.Null(DeliveryRules.NextAttempt(20, Made, Made.AddHours(23.5), jitter: 0.5));
        Assert.Null(DeliveryRules.NextAttempt(1, Made, Made.AddHours(24), jitter: 0.5));
    }
}
