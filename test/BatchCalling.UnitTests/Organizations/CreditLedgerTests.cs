using BatchCalling.Organizations;

namespace BatchCalling.UnitTests.Organizations;

public sealed class CreditLedgerTests
{
    private readonly OrganizationState _org = new() { Credits = 100m };
    private int _writes;
    private bool _failWrites;

    private CreditLedger Ledger => new(_org, () => ++_writes > 0 && _failWrites ? throw new TimeoutException("storage") : Task.CompletedTask);

    private Task ReportAsync(string job, decimal total, bool close = false) => Ledger.ChargeAsync(new ChargeReport(job, "pn_1", total, close));

    [Fact]
    public async Task A_total_reported_again_charges_nothing_more()
    {
        await ReportAsync("job_a", 1.5m);
        await ReportAsync("job_a", 1.5m);
        await ReportAsync("job_a", 2.25m);
        await ReportAsync("job_a", 1.5m); // late and lower: already covered

        Assert.Equal((97.75m, 2.25m, 2), (_org.Credits, _org.ChargedByJob["job_a"], _writes));
    }

    [Fact]
    public async Task Jobs_are_charged_apart()
    {
        await ReportAsync("job_a", 1m);
        await ReportAsync("job_b", 2m);

        Assert.Equal(97m, _org.Credits);
    }

    [Fact]
    public async Task The_last_report_charges_the_rest_and_late_copies_charge_nothing()
    {
        await ReportAsync("job_a", 1m);
        await ReportAsync("job_a", 3m, close: true);
        await ReportAsync("job_a", 3m, close: true);
        await ReportAsync("job_a", 5m);

        Assert.Equal(97m, _org.Credits);
        Assert.False(_org.ChargedByJob.ContainsKey("job_a"));
        Assert.Equal(["job_a"], _org.ClosedJobs);
    }

    [Fact]
    public async Task A_failed_write_leaves_nothing_charged_and_the_retry_charges_once()
    {
        await ReportAsync("job_a", 1m);
        _failWrites = true;

        await Assert.ThrowsAsync<TimeoutException>(() => ReportAsync("job_a", 4m));
        await Assert.ThrowsAsync<TimeoutException>(() => ReportAsync("job_a", 4m, close: true));
        Assert.Equal((99m, 1m), (_org.Credits, _org.ChargedByJob["job_a"]));
        Assert.Empty(_org.ClosedJobs);

        _failWrites = false;
        await ReportAsync("job_a", 4m, close: true);
        Assert.Equal(96m, _org.Credits);
    }

    [Fact]
    public async Task Closed_jobs_are_remembered_up_to_a_bound_and_a_failed_close_forgets_none()
    {
        _org.ClosedJobs.AddRange(Enumerable.Range(0, CreditLedger.ClosedJobsKept).Select(i => $"old_{i}"));

        _failWrites = true;
        await Assert.ThrowsAsync<TimeoutException>(() => ReportAsync("job_a", 0m, close: true));
        Assert.Equal(("old_0", CreditLedger.ClosedJobsKept), (_org.ClosedJobs[0], _org.ClosedJobs.Count));

        _failWrites = false;
        await ReportAsync("job_a", 0m, close: true);
        Assert.Equal(("old_1", "job_a", CreditLedger.ClosedJobsKept), (_org.ClosedJobs[0], _org.ClosedJobs[^1], _org.ClosedJobs.Count));
    }

    [Fact]
    public async Task Added_credits_count_only_once_stored()
    {
        _failWrites = true;
        await Assert.ThrowsAsync<TimeoutException>(() => Ledger.AddAsync(50m));
        Assert.Equal(100m, _org.Credits);

        _failWrites = false;
        await Ledger.AddAsync(-25.5m);
        Assert.Equal(74.5m, _org.Credits);
    }
}
