using BatchCalling.Contacts;
using BatchCalling.Windows;

namespace BatchCalling.UnitTests.Windows;

public sealed class ContactZonesTests
{
    [Theory]
    [InlineData("+18085550100", "Pacific/Honolulu")]
    [InlineData("+12125550100", "America/New_York")]
    [InlineData("+16025550100", "America/Phoenix")]
    [InlineData("+442079460000", "Europe/London")]
    [InlineData("+922134567890", "Asia/Karachi")]
    [InlineData("+61291234567", "Australia/Sydney")]
    [InlineData("+61881234567", "Australia/Adelaide,Australia/Perth")] // a geographic number of two zones: both count
    [InlineData("+12085550100", "America/Boise,America/Los_Angeles")]
    [InlineData("+18005550100", ContactZones.JobZone)] // toll-free belongs to no place
    [InlineData("+79161234567", ContactZones.JobZone)] // a Russian mobile spans the country's zones
    [InlineData("+61412345678", ContactZones.JobZone)] // so does an Australian one
    public void A_number_is_placed_by_its_geography_else_in_the_job_zone(string phone, string key) =>
        Assert.Equal(key, ContactZones.KeyOf(new ContactInput(phone, null, null)));

    [Theory]
    [InlineData("""{"timezone":"Asia/Karachi"}""", "Asia/Karachi")]
    [InlineData("""{"TimeZone":"Europe/London","crm":"x"}""", "Europe/London")]
    [InlineData("""{"timezone":""}""", "America/New_York")]
    public void The_contact_own_timezone_comes_first(string customFields, string key) =>
        Assert.Equal(key, ContactZones.KeyOf(new ContactInput("+12125550100", null, customFields)));

    [Fact]
    public void Contacts_share_a_group_per_zone_set_two_bytes_each()
    {
        var groups = ContactZoneGroups.Of(
        [
            new("+12125550100", null, null), new("+18005550100", null, null), new("+12125550101", null, null),
            new("+18085550100", null, """{"timezone":"America/New_York"}"""),
        ]);

        Assert.Equal(["America/New_York", ContactZones.JobZone], groups.Keys);
        Assert.Equal([0, 1, 0, 0], groups.GroupOf.Select(g => (int)g));
    }
}
