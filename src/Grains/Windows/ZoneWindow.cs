namespace BatchCalling.Windows;

/// <summary>
/// A calling window in one time zone: whether it is open at an instant, and when that next changes. Judged on the zone's
/// wall clock at each instant, so daylight saving needs no rule of its own: a start inside a spring-forward gap opens at the
/// jump, a start in a repeated hour opens at its first occurrence, and a jump back may open the window again.
/// </summary>
internal sealed class ZoneWindow(CallingWindow window, TimeZoneInfo zone)
{
    /// <summary>A window with any day opens and closes within a week and a day of any instant.</summary>
    private const int DaysAhead = 8;

    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);

    public TimeZoneInfo Zone => zone;

    public bool IsOpen(DateTimeOffset at) => Contains(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>
    /// The first instant after <paramref name="at"/> at which the window opens, or closes when it is open at
    /// <paramref name="at"/>. It can only change where the wall clock reaches the window's start or end, or where the zone
    /// changes its offset: those instants are the candidates, the earliest that changes the answer wins.
    /// </summary>
    public DateTimeOffset NextChange(DateTimeOffset at)
    {
        var open = IsOpen(at);
        var wall = TimeSpan.FromMinutes(open ? window.EndMinute : window.StartMinute);
        var today = TimeZoneInfo.ConvertTime(at, zone).Date;
        var candidates = Enumerable.Range(-1, DaysAhead + 2).SelectMany(d => Instants(today.AddDays(d) + wall))
            .Concat(OffsetChanges(at, at.AddDays(DaysAhead + 1)))
            .Where(c => c > at)
            .Order();
        foreach (var candidate in candidates)
        {
            if (IsOpen(candidate) != open)
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"The calling window never {(open ? "closes" : "opens")} in {zone.Id}: it has no day.");
    }

    /// <summary>Whether a wall-clock time is inside the window (an overnight window's small hours belong to the day before).</summary>
    private bool Contains(DateTime local)
    {
        var minute = local.TimeOfDay.TotalMinutes;
        var day = local.DayOfWeek;
        return window.IsOvernight
            ? (window.Days.Has(day) && minute >= window.StartMinute) || (window.Days.Has(Yesterday(day)) && minute < window.EndMinute)
            : window.Days.Has(day) && minute >= window.StartMinute && minute < window.EndMinute;
    }

    private static DayOfWeek Yesterday(DayOfWeek day) => (DayOfWeek)(((int)day + 6) % 7);

    /// <summary>
    /// The instants whose wall clock reads <paramref name="local"/>: one, two in a repeated hour, none in a gap (the jump
    /// over it is among the offset changes).
    /// </summary>
    private IEnumerable<DateTimeOffset> Instants(DateTime local) =>
        zone.IsInvalidTime(local) ? []
        : zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Select(offset => new DateTimeOffset(local, offset))
        : [new DateTimeOffset(local, zone.GetUtcOffset(local))];

    /// <summary>Where the zone's offset changes between two instants, to the minute (zones change at whole minutes), one a day at most.</summary>
    private IEnumerable<DateTimeOffset> OffsetChanges(DateTimeOffset from, DateTimeOffset to)
    {
        var start = new DateTimeOffset(from.UtcTicks - from.UtcTicks % OneMinute.Ticks, TimeSpan.Zero);
        for (var day = start; day < to; day = day.AddDays(1))
        {
            if (zone.GetUtcOffset(day) != zone.GetUtcOffset(day.AddDays(1)))
            {
                yield return FirstMinuteWithOffsetOf(day, day.AddDays(1));
            }
        }
    }

    /// <summary>The first whole minute after <paramref name="before"/> that has the offset <paramref name="after"/> has.</summary>
    private DateTimeOffset FirstMinuteWithOffsetOf(DateTimeOffset before, DateTimeOffset after)
    {
        var offset = zone.GetUtcOffset(after);
        var (low, high) = (0, (int)(after - before).TotalMinutes);
        while (high - low > 1)
        {
            var middle = (low + high) / 2;
            (low, high) = zone.GetUtcOffset(before.AddMinutes(middle)) == offset ? (low, middle) : (middle, high);
        }

        return before.AddMinutes(high);
    }
}
