namespace BatchCalling.Windows;

/// <summary>Reads and names the days of a <see cref="WeekDays"/> set (on the wire: <c>mon</c> … <c>sun</c>).</summary>
public static class WeekDaysExtensions
{
    /// <summary>The wire names, Monday first.</summary>
    public static readonly IReadOnlyList<(string Name, DayOfWeek Day)> Names =
    [
        ("mon", DayOfWeek.Monday), ("tue", DayOfWeek.Tuesday), ("wed", DayOfWeek.Wednesday), ("thu", DayOfWeek.Thursday),
        ("fri", DayOfWeek.Friday), ("sat", DayOfWeek.Saturday), ("sun", DayOfWeek.Sunday),
    ];

    public static bool Has(this WeekDays days, DayOfWeek day) => (days & Of(day)) != 0;

    public static WeekDays Of(DayOfWeek day) => (WeekDays)(1 << (int)day);

    /// <summary>The day a wire name (<c>mon</c>) names, as a set of one; null for any other text.</summary>
    public static WeekDays? Parse(string? name) =>
        Names.Where(n => n.Name == name).Select(n => (WeekDays?)Of(n.Day)).FirstOrDefault();

    /// <summary>The days' wire names, Monday first.</summary>
    public static IReadOnlyList<string> WireNames(this WeekDays days) => [.. Names.Where(n => days.Has(n.Day)).Select(n => n.Name)];
}
