namespace BatchCalling.Windows;

/// <summary>A set of days of the week, one bit per <see cref="DayOfWeek"/>. Stored by value: the bits never move.</summary>
[Flags]
public enum WeekDays : byte
{
    None = 0,
    Sunday = 1 << DayOfWeek.Sunday,
    Monday = 1 << DayOfWeek.Monday,
    Tuesday = 1 << DayOfWeek.Tuesday,
    Wednesday = 1 << DayOfWeek.Wednesday,
    Thursday = 1 << DayOfWeek.Thursday,
    Friday = 1 << DayOfWeek.Friday,
    Saturday = 1 << DayOfWeek.Saturday,
    All = Sunday | Monday | Tuesday | Wednesday | Thursday | Friday | Saturday,
}
