using BatchCalling.Throttling;

namespace BatchCalling.UnitTests.Throttling;

public sealed class SlotLedgerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_lone_job_gets_what_it_wants_up_to_the_ceiling()
    {
        var ledger = new SlotLedger(10, Lease);

        Assert.Equal(10, ledger.Exchange(new SlotRequest("a", 0, 50), T0).Granted);
        Assert.Equal(0, ledger.Exchange(new SlotRequest("a", 10, 40), T0).Granted);
        Assert.Equal(10, ledger.Held);
    }

    [Fact]
    public void A_big_job_gives_way_to_a_small_one_as_its_calls_end()
    {
        var ledger = new SlotLedger(10, Lease);
        ledger.Exchange(new SlotRequest("big", 0, 50), T0);

        Assert.Equal(0, ledger.Exchange(new SlotRequest("small", 0, 5), T0).Granted);
        // Two of big's calls end: it may not take them back, they are small's share.
        Assert.Equal(0, ledger.Exchange(new SlotRequest("big", 8, 42), T0).Granted);
        Assert.Equal(2, ledger.Exchange(new SlotRequest("small", 0, 5), T0).Granted);
        ledger.Exchange(new SlotRequest("big", 5, 45), T0);
        Assert.Equal(3, ledger.Exchange(new SlotRequest("small", 2, 3), T0).Granted);
        Assert.Equal(new Dictionary<string, int> { ["big"] = 5, ["small"] = 5 }, ledger.FairShares());
    }

    [Fact]
    public void What_a_job_cannot_use_goes_to_the_others()
    {
        var ledger = new SlotLedger(10, Lease);
        ledger.Exchange(new SlotRequest("tiny", 0, 2), T0);
        ledger.Exchange(new SlotRequest("a", 0, 50), T0);
        ledger.Exchange(new SlotRequest("b", 0, 50), T0);

        var shares = ledger.FairShares();
        Assert.Equal(2, shares["tiny"]);
        Assert.Equal(8, shares["a"] + shares["b"]);
        Assert.InRange(shares["a"], 4, 4);
    }

    [Fact]
    public void Never_grants_beyond_the_ceiling()
    {
        var ledger = new SlotLedger(7, Lease);
        var granted = 0;
        for (var round = 0; round < 20; round++)
        {
            foreach (var job in new[] { "a", "b", "c" })
            {
                granted += ledger.Exchange(new SlotRequest(job, ledger.HeldBy(job), 10), T0).Granted;
                Assert.True(ledger.Held <= 7);
            }
        }

        Assert.Equal(7, granted);
    }

    [Fact]
    public void A_lease_not_renewed_returns_its_slots()
    {
        var ledger = new SlotLedger(10, Lease);
        ledger.Exchange(new SlotRequest("dead", 0, 10), T0);

        Assert.Equal(0, ledger.Exchange(new SlotRequest("alive", 0, 10), T0 + Lease - TimeSpan.FromSeconds(1)).Granted);
        Assert.Equal(10, ledger.Exchange(new SlotRequest("alive", 0, 10), T0 + Lease).Granted);
    }

    [Fact]
    public void Lowering_the_ceiling_grants_nothing_until_calls_end()
    {
        var ledger = new SlotLedger(10, Lease);
        ledger.Exchange(new SlotRequest("a", 0, 10), T0);
        ledger.Limit = 4;

        Assert.Equal(0, ledger.Exchange(new SlotRequest("a", 9, 1), T0).Granted);
        Assert.Equal(1, ledger.Exchange(new SlotRequest("a", 3, 7), T0).Granted);
    }

    [Fact]
    public void With_more_jobs_than_slots_the_jobs_take_turns()
    {
        var ledger = new SlotLedger(1, Lease);
        string[] jobs = ["a", "b", "c"];
        var served = new List<string>();
        for (var round = 0; round < 6; round++)
        {
            var now = T0.AddSeconds(round);
            // Each round the slot is free again (its call ended) and every job asks for one.
            foreach (var job in jobs)
            {
                ledger.Exchange(new SlotRequest(job, 0, 1), now);
            }

            served.Add(jobs.Single(j => ledger.HeldBy(j) == 1));
            ledger.Exchange(new SlotRequest(served[^1], 0, 1), now.AddMilliseconds(500));
        }

        Assert.Equal(2, served.Count(j => j == "a"));
        Assert.Equal(2, served.Count(j => j == "b"));
        Assert.Equal(2, served.Count(j => j == "c"));
    }

    [Fact]
    public void Waiting_jobs_are_told_of_free_slots_once_each_least_recently_served_first()
    {
        var ledger = new SlotLedger(2, Lease);
        ledger.Exchange(new SlotRequest("a", 0, 2), T0);
        ledger.Exchange(new SlotRequest("b", 0, 1), T0.AddSeconds(1));
        ledger.Exchange(new SlotRequest("c", 0, 1), T0.AddSeconds(2));
        Assert.Empty(ledger.Wake(T0.AddSeconds(2))); // the ceiling is full: nobody to tell

        // One of a's calls ends: b and c wait with a share above what they hold; b has waited longer.
        ledger.Exchange(new SlotRequest("a", 1, 0), T0.AddSeconds(3));

        Assert.Equal(["b"], ledger.Wake(T0.AddSeconds(3)));
        Assert.Empty(ledger.Wake(T0.AddSeconds(4))); // told already; c waits for the next free slot
        Assert.Equal(1, ledger.Exchange(new SlotRequest("b", 0, 1), T0.AddSeconds(4)).Granted);
    }

    [Fact]
    public void A_job_at_its_share_is_not_woken_for_slots_it_could_not_take()
    {
        var ledger = new SlotLedger(4, Lease);
        ledger.Exchange(new SlotRequest("a", 0, 10), T0);
        ledger.Exchange(new SlotRequest("b", 0, 10), T0);
        ledger.Exchange(new SlotRequest("a", 2, 10), T0); // a holds its share of 2 and wants more

        Assert.Equal(["b"], ledger.Wake(T0));
    }
}
