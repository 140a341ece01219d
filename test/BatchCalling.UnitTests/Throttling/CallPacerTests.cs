using BatchCalling.Throttling;

namespace BatchCalling.UnitTests.Throttling;

public sealed class CallPacerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly PaceLimit Number = new("number:pn_1", 1);
    private static readonly PaceLimit Organization = new("organization", 2);

    [Theory]
    [InlineData(1, 1050)]
    [InlineData(2, 550)]
    [InlineData(5, 220)]
    [InlineData(100, 11)]
    public void Starts_are_a_whole_share_of_a_second_apart_plus_a_guard(double rate, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), CallPacer.Interval(rate));

    [Fact]
    public void Starts_are_spaced_never_bunched_and_a_new_pacer_assumes_one_just_started()
    {
        var pacer = new CallPacer(T0);

        var starts = Enumerable.Range(0, 4).Select(_ => pacer.Take([Number], T0)).ToList();

        Assert.Equal([T0.AddMilliseconds(1050), T0.AddMilliseconds(2100), T0.AddMilliseconds(3150), T0.AddMilliseconds(4200)], starts);
    }

    [Fact]
    public void Every_limit_a_start_is_under_holds_and_the_slowest_sets_the_pace()
    {
        var pacer = new CallPacer(T0.AddSeconds(-10));
        var other = new PaceLimit("number:pn_2", 1);

        var first = pacer.Take([Number, Organization], T0);
        var second = pacer.Take([other, Organization], T0);
        var third = pacer.Take([other, Organization], T0);

        Assert.Equal(T0, first);
        Assert.Equal(T0.AddMilliseconds(550), second); // pn_2 is new to the pacer; the organization's rate spaces it
        Assert.Equal(T0.AddMilliseconds(1600), third); // pn_2's own rate now
    }

    [Fact]
    public void Available_counts_what_may_start_by_a_time_without_taking_it()
    {
        var pacer = new CallPacer(T0.AddSeconds(-10));

        Assert.Equal(3, pacer.Available([Organization], 10, T0, T0.AddSeconds(1.2)));
        Assert.Equal(1, pacer.Available([Number, Organization], 10, T0, T0.AddSeconds(1)));
        Assert.Equal(0, pacer.Available([Number], 0, T0, T0.AddSeconds(5)));
        Assert.Equal(T0, pacer.NextStart([Number], T0));
        pacer.Take([Number], T0);
        Assert.Equal(0, pacer.Available([Number], 10, T0, T0.AddSeconds(1)));
        Assert.Equal(T0.AddMilliseconds(1050), pacer.NextStart([Number], T0));
    }

    [Fact]
    public void No_second_ever_sees_more_starts_than_the_rate()
    {
        var pacer = new CallPacer(T0);
        var limit = new PaceLimit("organization", 3);
        var now = T0;
        var starts = new List<DateTimeOffset>();
        for (var i = 0; i < 200; i++)
        {
            now = now.AddMilliseconds(Random.Shared.Next(0, 400));
            starts.Add(pacer.Take([limit], now));
        }

        Assert.All(starts, s => Assert.True(starts.Count(o => o >= s && o < s.AddSeconds(1)) <= 3));
    }
}
