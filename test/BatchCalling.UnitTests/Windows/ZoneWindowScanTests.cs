using BatchCalling.Windows;

namespace BatchCalling.UnitTests.Windows;

/// <summary>
/// The computed openings and closings against a minute-by-minute walk of the wall clock, in zones with odd rules: half-hour
/// daylight saving (Lord Howe), changes at midnight (Santiago, Havana), a quarter-hour offset (Chatham), none (Phoenix).
/// </summary>
public sealed class ZoneWindowScanTests
{
    private static readonly string[] Zones =
        ["Australia/Lord_Howe", "America/Santiago", "America/Havana", "Pacific/Chatham", "America/Phoenix", "Europe/London", "America/New_York"];

    public static TheoryData<string, int> Cases()
    {
        var cases = new TheoryData<string, int>();
        foreach (var zone in Zones)
        {
            for (var seed = 0; seed < 6; seed++)
            {
                cases.Add(zone, seed);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_change_found_is_the_first_minute_the_wall_clock_says_so(string zoneName, int seed)
    {
        var random = new Random(HashCode.Combine(zoneName.Length, seed));
        var zone = IanaZones.Find(zoneName)!;
        // Half-hour starts and ends (overnight ones too) on any non-empty set of days; an end equal to the start moves on.
        var start = random.Next(48) * 30;
        var end = random.Next(48) * 30;
        var window = new CallingWindow(start, end == start ? (end + 90) % 1440 : end, (WeekDays)random.Next(1, 128));

        // From a week before one of the zone's offset changes of 2026 (or any week, for a zone without).
        var change = Enumerable.Range(0, 365).Select(d => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(d))
            .FirstOrDefault(d => zone.GetUtcOffset(d) != zone.GetUtcOffset(d.AddDays(1)) && random.Next(2) == 0, new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var subject = new ZoneWindow(window, zone);
        var at = change.AddDays(-3).AddMinutes(random.Next(1440));

        for (var step = 0; step < 6; step++)
        {
            var next = subject.NextChange(at);
            var open = subject.IsOpen(at);
            var walked = at.AddMinutes(1);
            while (subject.IsOpen(walked) == open)
            {
                walked = walked.AddMinutes(1);
            }

            // Changes fall on whole minutes here, so the walk lands on them exactly.
            Assert.True(walked == next, $"{window} in {zoneName} from {at:O}: found {next:O}, the wall clock says {walked:O}");
            at = next;
        }
    }
}
