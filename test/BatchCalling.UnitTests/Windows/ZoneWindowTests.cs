using BatchCalling.Windows;

namespace BatchCalling.UnitTests.Windows;

/// <summary>Openings and closings of a window in one zone and in several, across daylight saving and midnight.</summary>
public sealed class ZoneWindowTests
{
    private static readonly CallingWindow Tcpa = CallingWindowPresets.Tcpa;

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private static ZoneWindow In(string zone, CallingWindow? window = null) => new(window ?? Tcpa, IanaZones.Find(zone)!);

    private static CallingWindow Hours(int start, int end, WeekDays days = WeekDays.All) => new(start, end, days);

    [Theory]
    [InlineData("Pacific/Honolulu", 1, 1, 17, 1, 1, 18)] // 07:00 HST → 08:00 HST
    [InlineData("Asia/Karachi", 1, 1, 2, 1, 1, 3)] // 07:00 PKT → 08:00 PKT
    [InlineData("America/Phoenix", 3, 8, 10, 3, 8, 15)] // no daylight saving: 08:00 MST is 15:00 UTC either side of March 8
    [InlineData("America/New_York", 3, 7, 12, 3, 7, 13)] // 07:00 EST → 08:00 EST
    [InlineData("America/New_York", 3, 8, 2, 3, 8, 12)] // 21:00 EST on the 7th → 08:00 EDT on the 8th, an hour earlier in UTC
    [InlineData("Europe/London", 3, 28, 21, 3, 29, 7)] // 21:00 GMT → 08:00 BST
    [InlineData("Australia/Sydney", 4, 4, 11, 4, 4, 22)] // 22:00 AEDT → 08:00 AEST the next morning, after summer time ended
    public void A_closed_window_opens_at_eight_local_time(string zone, int month, int day, int hour, int openMonth, int openDay, int openHour)
    {
        var window = In(zone);

        Assert.False(window.IsOpen(Utc(month, day, hour)));
        Assert.Equal(Utc(openMonth, openDay, openHour), window.NextChange(Utc(month, day, hour)));
    }

    [Fact]
    public void An_open_window_closes_at_its_end_which_is_exclusive()
    {
        var london = In("Europe/London");

        Assert.Equal(Utc(1, 5, 21), london.NextChange(Utc(1, 5, 12)));
        Assert.True(london.IsOpen(Utc(1, 5, 20, 59)));
        Assert.False(london.IsOpen(Utc(1, 5, 21)));
    }

    [Fact]
    public void An_overnight_window_runs_past_midnight_and_belongs_to_the_day_it_opens()
    {
        // 22:00–06:00 on Thursdays only, in Karachi (UTC+5); 1 January 2026 is a Thursday.
        var karachi = In("Asia/Karachi", Hours(22 * 60, 6 * 60, WeekDays.Thursday));

        Assert.Equal(Utc(1, 1, 17), karachi.NextChange(Utc(1, 1, 16)));
        Assert.True(karachi.IsOpen(Utc(1, 1, 20))); // 01:00 Friday
        Assert.Equal(Utc(1, 2, 1), karachi.NextChange(Utc(1, 1, 20))); // 06:00 Friday
        Assert.Equal(Utc(1, 8, 17), karachi.NextChange(Utc(1, 2, 18))); // Friday 23:00 is not Thursday's: next Thursday
    }

    [Fact]
    public void Days_leave_out_the_weekend()
    {
        var newYork = In("America/New_York", Hours(9 * 60, 17 * 60, WeekDays.All & ~(WeekDays.Saturday | WeekDays.Sunday)));

        Assert.Equal(Utc(1, 5, 14), newYork.NextChange(Utc(1, 2, 22))); // Friday 17:00 → Monday 09:00 EST
    }

    [Fact]
    public void A_start_inside_the_spring_forward_gap_opens_at_the_jump()
    {
        // 8 March 2026 02:00 EST jumps to 03:00 EDT (07:00 UTC): 02:30 never happens that day.
        var newYork = In("America/New_York", Hours(2 * 60 + 30, 5 * 60));

        Assert.Equal(Utc(3, 8, 7), newYork.NextChange(Utc(3, 8, 6)));
    }

    [Fact]
    public void A_start_in_the_repeated_hour_opens_at_its_first_occurrence_and_again_after_the_jump_back()
    {
        // 1 November 2026: 01:30 EDT is 05:30 UTC, then 02:00 EDT falls back to 01:00 EST, and 01:30 EST is 06:30 UTC.
        var newYork = In("America/New_York", Hours(90, 105));

        Assert.Equal(Utc(11, 1, 5, 30), newYork.NextChange(Utc(11, 1, 5)));
        Assert.Equal(Utc(11, 1, 5, 45), newYork.NextChange(Utc(11, 1, 5, 30)));
        Assert.Equal(Utc(11, 1, 6, 30), newYork.NextChange(Utc(11, 1, 5, 50)));
    }

    [Fact]
    public void Several_zones_are_open_only_while_all_of_them_are()
    {
        var both = new ZoneSetWindow([In("America/New_York"), In("America/Los_Angeles")]);

        // 08:00 in New York is 05:00 in Los Angeles: open from 08:00 PST (16:00 UTC) to 21:00 EST (02:00 UTC).
        Assert.Equal(new WindowSpan(Utc(1, 5, 13), Utc(1, 5, 16), false), both.At(Utc(1, 5, 13)));
        Assert.Equal(new WindowSpan(Utc(1, 5, 16), Utc(1, 6, 2), true), both.At(Utc(1, 5, 16)));
    }

    [Fact]
    public void Zones_that_never_share_an_open_moment_never_open()
    {
        // 09:00–10:00 is 19:00–20:00 UTC in Honolulu and 04:00–05:00 UTC in Karachi.
        var window = Hours(9 * 60, 10 * 60);
        var apart = new ZoneSetWindow([In("Pacific/Honolulu", window), In("Asia/Karachi", window)]);

        Assert.Equal(new WindowSpan(Utc(1, 5, 0), null, false), apart.At(Utc(1, 5, 0)));
    }
}
