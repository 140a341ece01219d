using BatchCalling.Gateway.Parsing;

namespace BatchCalling.UnitTests.Parsing;

public sealed class ScheduleTimeParserTests
{
    [Theory]
    [InlineData("2025-03-01T10:00:00", "America/New_York", "2025-03-01T15:00:00Z")]
    [InlineData("2025-03-01T09:00:00", "Europe/London", "2025-03-01T09:00:00Z")]
    [InlineData("2025-03-01T09:00:00", "UTC", "2025-03-01T09:00:00Z")]
    [InlineData("2025-07-01T09:00:00", "Europe/London", "2025-07-01T08:00:00Z")]
    [InlineData("2025-03-01T10:00", "Asia/Karachi", "2025-03-01T05:00:00Z")]
    [InlineData("2025-03-01T10:00:00.5", "Asia/Tokyo", "2025-03-01T01:00:00.5Z")]
    [InlineData("2025-03-01T10:00:00Z", "America/New_York", "2025-03-01T10:00:00Z")]
    [InlineData("2025-03-01T10:00:00+05:00", "America/New_York", "2025-03-01T05:00:00Z")]
    [InlineData("2025-03-01T10:00:00-0330", "UTC", "2025-03-01T13:30:00Z")]
    public void Converts_to_utc(string text, string zone, string expected)
    {
        var (utc, error) = ScheduleTimeParser.Parse(text, zone);

        Assert.Null(error);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), utc);
    }

    [Fact]
    public void A_time_in_the_spring_forward_gap_does_not_exist() =>
        Assert.Equal(ScheduleTimeParser.InvalidDatetime, ScheduleTimeParser.Parse("2025-03-09T02:30:00", "America/New_York").Error);

    [Fact]
    public void A_repeated_time_in_the_fall_back_overlap_takes_the_earlier_instant()
    {
        // 01:30 happens twice on 2025-11-02 in New York: first at -04:00 (05:30Z), then at -05:00 (06:30Z).
        var (utc, _) = ScheduleTimeParser.Parse("2025-11-02T01:30:00", "America/New_York");

        Assert.Equal(new DateTimeOffset(2025, 11, 2, 5, 30, 0, TimeSpan.Zero), utc);
    }

    [Theory]
    [InlineData("Invalid/Timezone")]
    [InlineData("Eastern Standard Time")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_or_non_iana_zones_are_invalid(string? zone) =>
        Assert.Equal(ScheduleTimeParser.InvalidTimezone, ScheduleTimeParser.Parse("2025-03-01T10:00:00", zone).Error);

    [Theory]
    [InlineData("tomorrow")]
    [InlineData("2025-13-01T10:00:00")]
    [InlineData("2025-02-30T10:00:00")]
    [InlineData("2025-03-01 10:00:00")]
    [InlineData("2025-03-01")]
    [InlineData("2025-03-01T10:00:00+25:00")]
    [InlineData("2025-03-01T10:00:00+05:99")]
    [InlineData("0001-01-01T00:00:00+05:00")]
    [InlineData("")]
    [InlineData(null)]
    public void Malformed_times_are_invalid(string? text) =>
        Assert.Equal(ScheduleTimeParser.InvalidDatetime, ScheduleTimeParser.Parse(text, "UTC").Error);
}
