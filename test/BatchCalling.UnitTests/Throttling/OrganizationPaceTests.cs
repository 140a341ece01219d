using BatchCalling.Throttling;
using Microsoft.Extensions.Time.Testing;

namespace BatchCalling.UnitTests.Throttling;

public sealed class OrganizationPaceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(6);

    /// <summary>A pace begun ten seconds before T0 (no start of its own to wait for), the clock now at T0.</summary>
    private static (OrganizationPace Pace, FakeTimeProvider Clock) Pace(double? organizationRate)
    {
        var clock = new FakeTimeProvider(T0.AddSeconds(-10));
        var pace = new OrganizationPace(organizationRate, clock, ConfirmTimeout);
        clock.SetUtcNow(T0);
        return (pace, clock);
    }

    private static SlotRequest Request(string job, int wanted, double? numberRate, string number = "pn_1") =>
        new(job, 0, wanted, 10, T0, number, numberRate);

    [Fact]
    public async Task An_unpaced_job_is_allowed_all_it_wants_and_starts_at_once()
    {
        var (pace, _) = Pace(null);

        Assert.Equal(int.MaxValue, pace.Allowed(Request("job_a", 7, null), T0));
        Assert.Null(pace.Book(Request("job_a", 7, null), 7, int.MaxValue, T0));
        Assert.Equal(T0, await pace.ReserveStartAsync("pn_1", null));
        Assert.Equal(T0, await pace.ReserveStartAsync("pn_1", null));
    }

    [Fact]
    public void Slots_go_only_to_calls_that_may_start_within_a_second_and_the_job_held_back_is_woken_for_the_next()
    {
        var (pace, _) = Pace(null);
        var request = Request("job_a", 5, 1);

        var allowed = pace.Allowed(request, T0);
        var wakeAt = pace.Book(request, allowed, allowed, T0);

        Assert.Equal(1, allowed);
        Assert.Equal(T0.AddMilliseconds(1050) - OrganizationPace.Horizon, wakeAt);
        Assert.Equal(["job_a"], pace.TakeHeld());
        Assert.Empty(pace.TakeHeld());
        Assert.Equal(1, pace.Allowed(request, T0.AddMilliseconds(50)));
    }

    [Fact]
    public void A_job_held_back_by_the_ceiling_not_by_pacing_is_not_woken_by_pacing()
    {
        var (pace, _) = Pace(null);
        var request = Request("job_a", 5, 10);

        var allowed = pace.Allowed(request, T0);

        Assert.Null(pace.Book(request, 2, allowed, T0));
        Assert.Empty(pace.TakeHeld());
    }

    [Fact]
    public async Task The_next_start_is_reserved_only_once_the_one_before_was_confirmed_and_an_interval_after_that()
    {
        var (pace, clock) = Pace(2);

        var first = await pace.ReserveStartAsync("pn_1", 5);
        var second = pace.ReserveStartAsync("pn_2", 5); // the organization's rate binds both numbers
        clock.Advance(TimeSpan.FromMilliseconds(300)); // the first dial took that long to be answered
        Assert.False(second.IsCompleted);
        pace.ConfirmStart("pn_1", 5);

        Assert.Equal(T0, first);
        Assert.Equal(T0.AddMilliseconds(300 + 550), await second);
    }

    [Fact]
    public async Task A_start_never_confirmed_holds_the_next_back_only_until_the_timeout()
    {
        var (pace, clock) = Pace(null);
        await pace.ReserveStartAsync("pn_1", 1);

        var next = pace.ReserveStartAsync("pn_1", 1);
        clock.Advance(ConfirmTimeout);

        Assert.Equal(T0 + ConfirmTimeout + CallPacer.Interval(1), await next.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
