using BatchCalling.Recipients;

namespace BatchCalling.UnitTests.Recipients;

public sealed class DoNotCallPagesTests
{
    private static readonly int[] Counts = [3, 0, 5, 2];

    [Fact]
    public void A_page_is_read_from_the_ranges_it_spans_in_range_order()
    {
        Assert.Equal([(0, 0, 3), (2, 0, 1)], DoNotCallPages.Locate(Counts, 0, 4));
        Assert.Equal([(2, 1, 4)], DoNotCallPages.Locate(Counts, 4, 4));
        Assert.Equal([(3, 0, 2)], DoNotCallPages.Locate(Counts, 8, 4));
        Assert.Equal([(0, 2, 1), (2, 0, 5), (3, 0, 2)], DoNotCallPages.Locate(Counts, 2, 100));
    }

    [Fact]
    public void A_page_past_the_end_is_empty() =>
        Assert.Empty(DoNotCallPages.Locate(Counts, 10, 4));

    [Fact]
    public void A_page_far_past_the_end_does_not_overflow() =>
        Assert.Empty(DoNotCallPages.Locate(Counts, (int.MaxValue - 1L) * 100, 100));
}
