using BatchCalling.Contacts;
using BatchCalling.Jobs;
using BatchCalling.Windows;
using Microsoft.Extensions.Time.Testing;

namespace BatchCalling.UnitTests.Windows;

/// <summary>A job of 10,000 contacts across 20 zones, its board driven minute by minute through two days.</summary>
public sealed class ContactBoardWindowScaleTests
{
    private static readonly string[] Zones =
    [
        "Pacific/Honolulu", "America/Anchorage", "America/Los_Angeles", "America/Phoenix", "America/Denver", "America/Chicago",
        "America/New_York", "America/Sao_Paulo", "Atlantic/Azores", "Europe/London", "Europe/Paris", "Europe/Athens", "Europe/Moscow",
        "Asia/Dubai", "Asia/Karachi", "Asia/Kolkata", "Asia/Bangkok", "Asia/Tokyo", "Australia/Adelaide", "Australia/Sydney",
    ];

    [Fact]
    public void Every_contact_is_taken_inside_its_window_and_each_once_its_zone_opens()
    {
        var contacts = Enumerable.Range(0, 10_000).Select(i => new ContactInput($"+1212555{i:0000}", null, $$"""{"timezone":"{{Zones[i % Zones.Length]}}"}""")).ToArray();
        var groups = ContactZoneGroups.Of(contacts);
        var board = new ContactBoard(new ContactProgress[contacts.Length], RetryPolicy.Default(3, retryOnVoicemail: false), TimeSpan.FromMinutes(5),
            TimeSpan.FromHours(1), ContactWindows.Of(CallingWindowPresets.Tcpa, groups, "UTC"));
        var windows = Zones.Select(z => new ZoneWindow(CallingWindowPresets.Tcpa, IanaZones.Find(z)!)).ToArray();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 7, 0, 0, 0, TimeSpan.Zero));
        var taken = new List<(int Index, DateTimeOffset At)>();

        for (var minute = 0; minute < 48 * 60; minute++, clock.Advance(TimeSpan.FromMinutes(1)))
        {
            board.Advance(clock.GetUtcNow());
            taken.AddRange(board.Take(int.MaxValue).Select(d => (d.Index, clock.GetUtcNow())));
        }

        Assert.Equal(contacts.Length, taken.Select(t => t.Index).Distinct().Count());
        Assert.Equal(20, groups.Keys.Count);
        Assert.All(taken, t => Assert.True(windows[t.Index % Zones.Length].IsOpen(t.At), $"contact {t.Index} taken at {t.At:O}"));
        // Each zone's contacts all go at its first opening: none lingers in the ready queue, none leaves it early.
        Assert.All(taken.GroupBy(t => t.Index % Zones.Length), zone => Assert.Single(zone.Select(t => t.At).Distinct()));
    }
}
