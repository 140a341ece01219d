using BatchCalling.Organizations;
using BatchCalling.Recipients;

namespace BatchCalling.UnitTests.Recipients;

public sealed class RecipientLedgerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(5);
    private static readonly RecipientCap ThreeADay = new(3, 24);
    private const ulong Number = 42;

    private readonly RecipientCallsState _state = new();

    private RecipientLedger Ledger => new(_state);

    /// <summary>A call placed at <paramref name="at"/> (counted under the cap unless <paramref name="capped"/> is false), then ended.</summary>
    private void Called(DateTimeOffset at, bool capped = true)
    {
        var (callId, cap) = ("call_" + at.Ticks, capped ? ThreeADay : null);
        Assert.Null(Ledger.WaitUntil(Number, callId, at, cap, Recheck));
        Ledger.Take(Number, callId, at, at.AddMinutes(10), cap);
        Assert.True(Ledger.Release(Number, callId, placed: true));
    }

    [Fact]
    public void The_cap_frees_when_the_oldest_call_of_the_sliding_period_leaves_it()
    {
        Called(T0);
        Called(T0.AddHours(5));
        Called(T0.AddHours(6));

        Assert.Equal(T0.AddHours(24), Ledger.WaitUntil(Number, "call_next", T0.AddHours(7), ThreeADay, Recheck));
        // At the moment the first call is 24 hours old it no longer counts; the next wait is for the second.
        Assert.Null(Ledger.WaitUntil(Number, "call_next", T0.AddHours(24), ThreeADay, Recheck));
        Called(T0.AddHours(24));
        Assert.Equal(T0.AddHours(29), Ledger.WaitUntil(Number, "call_next", T0.AddHours(25), ThreeADay, Recheck));
    }

    [Fact]
    public void A_lower_cap_counts_the_calls_already_made()
    {
        Called(T0);
        Called(T0.AddHours(1));

        Assert.Equal(T0.AddHours(2), Ledger.WaitUntil(Number, "call_next", T0.AddHours(1.5), new RecipientCap(1, 1), Recheck));
        Assert.Null(Ledger.WaitUntil(Number, "call_next", T0.AddHours(1.5), null, Recheck));
    }

    [Fact]
    public void A_number_on_the_line_waits_for_a_recheck_or_the_hold_lapsing_whichever_comes_first()
    {
        Ledger.Take(Number, "call_a", T0, T0.AddSeconds(3), cap: null);

        Assert.Equal(T0.AddSeconds(3), Ledger.WaitUntil(Number, "call_b", T0, null, Recheck));
        Assert.Equal(T0.AddSeconds(3), Ledger.WaitUntil(Number, "call_b", T0.AddSeconds(1), null, TimeSpan.FromSeconds(5)));
        Assert.Equal(T0.AddSeconds(2), Ledger.WaitUntil(Number, "call_b", T0, null, TimeSpan.FromSeconds(2)));
        // The same call asking again goes ahead; a lapsed hold holds nothing.
        Assert.Null(Ledger.WaitUntil(Number, "call_a", T0.AddSeconds(1), null, Recheck));
        Assert.Null(Ledger.WaitUntil(Number, "call_b", T0.AddSeconds(3), null, Recheck));
    }

    [Fact]
    public void A_release_frees_the_line_and_a_call_never_placed_counts_for_nothing()
    {
        Ledger.Take(Number, "call_a", T0, T0.AddMinutes(10), ThreeADay);
        Assert.False(Ledger.Release(Number, "call_other", placed: true));
        Assert.True(Ledger.Holds(Number, "call_a"));

        Assert.True(Ledger.Release(Number, "call_a", placed: false));

        Assert.False(Ledger.Holds(Number, "call_a"));
        Assert.Empty(_state.Calls);
        Assert.False(Ledger.Release(Number, "call_a", placed: false));
    }

    [Fact]
    public void Without_a_cap_nothing_is_counted_and_a_sweep_drops_lapsed_holds_and_old_counts()
    {
        Called(T0, capped: false);
        Assert.Empty(_state.Calls);

        Called(T0);
        Ledger.Take(7, "call_held", T0, T0.AddMinutes(10), cap: null);
        Ledger.Sweep(T0.AddMinutes(10));
        Assert.Empty(_state.Holds);
        Assert.Single(_state.Calls);

        Ledger.Sweep(T0.AddHours(24));
        Assert.Empty(_state.Calls);
    }
}
