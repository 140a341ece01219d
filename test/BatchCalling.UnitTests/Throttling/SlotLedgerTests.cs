using BatchCalling.Throttling;

namespace BatchCalling.UnitTests.Throttling;

public sealed class SlotLedgerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Abandon = TimeSpan.FromMinutes(30);
    private const int Cap = 100;

    [Fact]
    public void A_lone_job_gets_what_it_wants_up_to_the_ceiling()
    {
        var ledger = new SlotLedger(10, Lease, Abandon);

        Assert.Equal(10, ledger.Exchange(new SlotRequest("a", 0, 50, Cap), T0).Granted);
        Assert.Equal(0, ledger.Exchange(new SlotRequest("a", 10, 40, Cap), T0).Granted);
        Assert.Equal(10, ledger.Held);
    }

    [Fact]
    public void A_big_job_gives_way_to_a_small_one_as_its_calls_end()
    {
        var ledger = new SlotLedger(10, Lease, Abandon);
        ledger.Exchange(new SlotRequest("big", 0, 50, Cap), T0);

        Assert.Equal(0, ledger.Exchange(new SlotRequest("small", 0, 5, Cap), T0).Granted);
        // Two of big's calls end: it may not take them back, they are small's share.
        Assert.Equal(0, ledger.Exchange(new SlotRequest("big", 8, 42, Cap), T0).Granted);
        Assert.Equal(2, ledger.Exchange(new SlotRequest("small", 0, 5, Cap), T0).Granted);
        ledger.Exchange(new SlotRequest("big", 5, 45, Cap), T0);
        Assert.Equal(3, ledger.Exchange(new SlotRequest("small", 2, 3, Cap), T0).Granted);
        Assert.Equal(new Dictionary<string, int> { ["big"] = 5, ["small"] = 5 }, ledger.FairShares());
    }

    [Fact]
    public void What_a_job_cannot_use_goes_to_the_others()
    {
        var ledger = new SlotLedger(10, Lease, Abandon);
        ledger.Exchange(new SlotRequest("tiny", 0, 2, Cap), T0);
        ledger.Exchange(new SlotRequest("a", 0, 50, Cap), T0);
        ledger.Exchange(new SlotRequest("b", 0, 50, Cap), T0);

        var shares = ledger.FairShares();
        Assert.Equal(2, shares["tiny"]);
        Assert.Equal(8, shares["a"] + shares["b"]);
        Assert.InRange(shares["a"], 4, 4);
    }

    [Fact]
    public void Never_grants_beyond_the_ceiling()
    {
        var ledger = new SlotLedger(7, Lease, Abandon);
        var granted = 0;
        for (var round = 0; round < 20; round++)
        {
            foreach (var job in new[] { "a", "b", "c" })
            {
                granted += ledger.Exchange(new SlotRequest(job, ledger.HeldBy(job), 10, Cap), T0).Granted;
                Assert.True(ledger.Held <= 7);
            }
        }

        Assert.Equal(7, granted);
    }

    [Fact]
    public void A_lease_not_renewed_stays_counted_and_its_job_is_asked_again_each_lease()
    {
        var ledger = new SlotLedger(10, Lease, Abandon);
        ledger.Exchange(new SlotRequest("silent", 0, 10, Cap), T0);

        Assert.Empty(ledger.Expire(T0 + Lease - TimeSpan.FromSeconds(1)));
        Assert.Equal(["silent"], ledger.Expire(T0 + Lease));
        Assert.True(ledger.IsUnsettled("silent"));
        // Its calls may still be on the line: nothing of it is handed out.
        Assert.Equal(0, ledger.Exchange(new SlotRequest("alive", 0, 10, Cap), T0 + Lease).Granted);
        Assert.Empty(ledger.Expire(T0 + Lease + TimeSpan.FromSeconds(1)));
        Assert.Equal(["silent"], ledger.Expire(T0 + Lease * 2));

        // It re-states: two calls ended meanwhile, and those two slots go to the other job.
        ledger.Exchange(new SlotRequest("silent", 8, 0, Cap), T0 + Lease * 2);
        Assert.False(ledger.IsUnsettled("silent"));
        Assert.Equal(2, ledger.Exchange(new SlotRequest("alive", 0, 10, Cap), T0 + Lease * 2).Granted);
    }

    [Fact]
    public void A_request_delivered_after_a_later_one_of_its_job_changes_nothing()
    {
        var ledger = new SlotLedger(7, Lease, Abandon);
        ledger.Exchange(new SlotRequest("a", 4, 0, 4, T0.AddSeconds(2)), T0.AddSeconds(2));

        // Sent before the silo carrying it died, re-routed, and delivered after the job's restatement.
        Assert.Equal(0, ledger.Exchange(new SlotRequest("a", 0, 4, 4, T0.AddSeconds(1)), T0.AddSeconds(3)).Granted);
        Assert.Equal(0, ledger.Exchange(new SlotRequest("a", 0, 0, 4, T0.AddSeconds(1)), T0.AddSeconds(3)).Granted);

        Assert.Equal(4, ledger.HeldBy("a"));
        Assert.Equal(3, ledger.Exchange(new SlotRequest("b", 0, 5, 5, T0.AddSeconds(3)), T0.AddSeconds(3)).Granted);
    }

    [Fact]
    public void A_request_held_up_while_the_throttle_was_down_changes_nothing_once_it_is_restored()
    {
        var ledger = new SlotLedger(2, Lease, Abandon);
        ledger.Restore(new Dictionary<string, int> { ["a"] = 2 }, T0.AddSeconds(5));

        // Sent before the throttle's silo died (a stale holding of 0), delivered to the new activation.
        Assert.Equal(0, ledger.Exchange(new SlotRequest("a", 0, 2, 2, T0.AddSeconds(1)), T0.AddSeconds(6)).Granted);

        Assert.True(ledger.IsUnsettled("a"));
        Assert.Equal(0, ledger.Exchange(new SlotRequest("b", 0, 1, 1, T0.AddSeconds(6)), T0.AddSeconds(6)).Granted);
    }

    [Fact]
    public void A_job_silent_for_longer_than_any_call_is_given_up()
    {
        var ledger = new SlotLedger(10, Lease, Abandon);
        ledger.Exchange(new SlotRequest("gone", 0, 10, Cap), T0);
        ledger.Expire(T0 + Lease);

        Assert.Equal(10, ledger.Held);
        ledger.Expire(T0 + Lease + Abandon - TimeSpan.FromSeconds(1));
        Assert.Equal(10, ledger.Held);
        ledger.Expire(T0 + Lease + Abandon);
        Assert.Equal(0, ledger.Held);
    }

    [Fact]
    public void A_waiting_job_that_stops_asking_simply_leaves()
    {
        var ledger = new SlotLedger(1, Lease, Abandon);
        ledger.Exchange(new SlotRequest("holder", 0, 1, Cap), T0);
        ledger.Exchange(new SlotRequest("waiting", 0, 5, Cap), T0);

        Assert.Equal(["holder"], ledger.Expire(T0 + Lease));
        Assert.Equal(1, ledger.Held);
        Assert.False(ledger.IsUnsettled("waiting"));
        Assert.DoesNotContain("waiting", ledger.UpperBounds().Keys);
    }

    [Fact]
    public void A_restored_ledger_counts_each_stored_bound_until_its_job_restates()
    {
        var ledger = new SlotLedger(10, Lease, Abandon);

        var asked = ledger.Restore(new Dictionary<string, int> { ["a"] = 6, ["b"] = 3 }, T0);

        Assert.Equal(["a", "b"], asked.Order(StringComparer.Ordinal));
        Assert.Equal(1, ledger.Exchange(new SlotRequest("c", 0, 5, Cap), T0).Granted);
        ledger.Exchange(new SlotRequest("a", 2, 0, Cap, T0), T0);
        Assert.Equal(4, ledger.Exchange(new SlotRequest("c", 1, 4, Cap), T0).Granted);
        Assert.True(ledger.IsUnsettled("b"));
        Assert.Equal(10, ledger.Held);
    }

    [Fact]
    public void The_stored_bounds_are_caps_while_granting_and_holdings_once_the_ledger_goes_away()
    {
        var ledger = new SlotLedger(10, Lease, Abandon);
        ledger.Exchange(new SlotRequest("a", 0, 3, 4), T0);
        ledger.Exchange(new SlotRequest("waiting", 0, 0, 5), T0);
        ledger.Restore(new Dictionary<string, int> { ["unsettled"] = 2 }, T0);

        Assert.Equal(new Dictionary<string, int> { ["a"] = 4, ["unsettled"] = 2 }, ledger.UpperBounds());
        Assert.Equal(new Dictionary<string, int> { ["a"] = 3, ["unsettled"] = 2 }, ledger.Holdings());
    }

    [Fact]
    public void Lowering_the_ceiling_grants_nothing_until_calls_end()
    {
        var ledger = new SlotLedger(10, Lease, Abandon);
        ledger.Exchange(new SlotRequest("a", 0, 10, Cap), T0);
        ledger.Limit = 4;

        Assert.Equal(0, ledger.Exchange(new SlotRequest("a", 9, 1, Cap), T0).Granted);
        Assert.Equal(1, ledger.Exchange(new SlotRequest("a", 3, 7, Cap), T0).Granted);
    }

    [Fact]
    public void With_more_jobs_than_slots_the_jobs_take_turns()
    {
        var ledger = new SlotLedger(1, Lease, Abandon);
        string[] jobs = ["a", "b", "c"];
        var served = new List<string>();
        for (var round = 0; round < 6; round++)
        {
            var now = T0.AddSeconds(round);
            // Each round the slot is free again (its call ended) and every job asks for one.
            foreach (var job in jobs)
            {
                ledger.Exchange(new SlotRequest(job, 0, 1, Cap), now);
            }

            served.Add(jobs.Single(j => ledger.HeldBy(j) == 1));
            ledger.Exchange(new SlotRequest(served[^1], 0, 1, Cap), now.AddMilliseconds(500));
        }

        Assert.Equal(2, served.Count(j => j == "a"));
        Assert.Equal(2, served.Count(j => j == "b"));
        Assert.Equal(2, served.Count(j => j == "c"));
    }

    [Fact]
    public void Waiting_jobs_are_told_of_free_slots_once_each_least_recently_served_first()
    {
        var ledger = new SlotLedger(2, Lease, Abandon);
        ledger.Exchange(new SlotRequest("a", 0, 2, Cap), T0);
        ledger.Exchange(new SlotRequest("b", 0, 1, Cap), T0.AddSeconds(1));
        ledger.Exchange(new SlotRequest("c", 0, 1, Cap), T0.AddSeconds(2));
        Assert.Empty(ledger.Wake(T0.AddSeconds(2))); // the ceiling is full: nobody to tell

        // One of a's calls ends: b and c wait with a share above what they hold; b has waited longer.
        ledger.Exchange(new SlotRequest("a", 1, 0, Cap), T0.AddSeconds(3));

        Assert.Equal(["b"], ledger.Wake(T0.AddSeconds(3)));
        Assert.Empty(ledger.Wake(T0.AddSeconds(4))); // told already; c waits for the next free slot
        Assert.Equal(1, ledger.Exchange(new SlotRequest("b", 0, 1, Cap), T0.AddSeconds(4)).Granted);
    }

    [Fact]
    public void A_slot_offered_to_a_woken_job_is_not_offered_again_before_it_asks()
    {
        var ledger = new SlotLedger(2, Lease, Abandon);
        ledger.Exchange(new SlotRequest("a", 0, 2, Cap), T0);
        foreach (var job in new[] { "b", "c", "d" })
        {
            ledger.Exchange(new SlotRequest(job, 0, 1, Cap), T0);
        }

        ledger.Exchange(new SlotRequest("a", 1, 0, Cap), T0.AddSeconds(1));
        Assert.Single(ledger.Wake(T0.AddSeconds(1)));
        // Another job renews before the woken one asks: the one free slot is spoken for.
        ledger.Exchange(new SlotRequest("d", 0, 1, Cap), T0.AddSeconds(1));
        Assert.Empty(ledger.Wake(T0.AddSeconds(1)));
    }

    [Fact]
    public void A_job_at_its_share_is_not_woken_for_slots_it_could_not_take()
    {
        var ledger = new SlotLedger(4, Lease, Abandon);
        ledger.Exchange(new SlotRequest("a", 0, 10, Cap), T0);
        ledger.Exchange(new SlotRequest("b", 0, 10, Cap), T0);
        ledger.Exchange(new SlotRequest("a", 2, 10, Cap), T0); // a holds its share of 2 and wants more

        Assert.Equal(["b"], ledger.Wake(T0));
    }
}
