using BatchCalling.Organizations;
using Microsoft.Extensions.Time.Testing;

namespace BatchCalling.UnitTests.Organizations;

public sealed class RecentReadsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private int _reads;

    [Fact]
    public async Task A_value_is_read_once_while_fresh_and_again_once_stale()
    {
        var reads = new RecentReads<string, int>(_time, TimeSpan.FromSeconds(5));

        Assert.Equal(1, await reads.GetAsync("org_a", ReadAsync));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, await reads.GetAsync("org_a", ReadAsync));
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(2, await reads.GetAsync("org_a", ReadAsync));
    }

    [Fact]
    public async Task Each_key_is_read_on_its_own()
    {
        var reads = new RecentReads<string, int>(_time, TimeSpan.FromSeconds(5));

        Assert.Equal(1, await reads.GetAsync("org_a", ReadAsync));
        Assert.Equal(2, await reads.GetAsync("org_b", ReadAsync));
        Assert.Equal(1, await reads.GetAsync("org_a", ReadAsync));
    }

    private Task<int> ReadAsync(string key) => Task.FromResult(++_reads);
}
