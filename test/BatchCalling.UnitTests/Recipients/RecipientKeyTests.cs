using BatchCalling.Recipients;

namespace BatchCalling.UnitTests.Recipients;

public sealed class RecipientKeyTests
{
    [Fact]
    public void A_number_has_one_range_whatever_process_asks_and_each_organization_spreads_its_own()
    {
        Assert.Equal(RecipientKey.Hash("org_a", "+12025550100"), RecipientKey.Hash("org_a", "+12025550100"));
        Assert.NotEqual(RecipientKey.Hash("org_a", "+12025550100"), RecipientKey.Hash("org_b", "+12025550100"));
        // Fixed by SHA-256, not by the runtime's string hash: a range found in one version is found in the next.
        Assert.Equal(RecipientKey.Of("org_a", RecipientKey.Range("org_a", "+12025550100")), RecipientKey.For("org_a", "+12025550100"));
        Assert.InRange(RecipientKey.Range("org_a", "+12025550100"), 0, RecipientKey.Ranges - 1);
    }

    [Fact]
    public void Numbers_spread_evenly_over_the_ranges()
    {
        var perRange = new int[RecipientKey.Ranges];
        for (var i = 0; i < 100_000; i++)
        {
            perRange[RecipientKey.Range("org_a", $"+1212{2_000_000 + i}")]++;
        }

        // About 98 each; a range with three times that would be a hot spot.
        Assert.InRange(perRange.Min(), 50, 98);
        Assert.InRange(perRange.Max(), 98, 150);
    }

    [Theory]
    [InlineData("+12025550100", 12025550100UL)]
    [InlineData("+442071838750", 442071838750UL)]
    [InlineData("+999999999999999", 999999999999999UL)]
    public void An_E164_number_is_kept_as_its_digits_and_written_back_the_same(string phone, ulong digits)
    {
        Assert.True(RecipientKey.TryDigits(phone, out var read));
        Assert.Equal(digits, read);
        Assert.Equal(phone, RecipientKey.E164(read));
    }

    [Theory]
    [InlineData("12025550100")]
    [InlineData("+")]
    [InlineData("+012025550100")]
    [InlineData("+1202555010a")]
    [InlineData("+1234567890123456")]
    public void What_is_not_E164_has_no_digits(string phone) => Assert.False(RecipientKey.TryDigits(phone, out _));
}
