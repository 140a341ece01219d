namespace BatchCalling.Windows;

/// <summary>
/// When a job's contacts may be called, in each contact's own local time (API.md "Calling window"): from
/// <see cref="StartMinute"/> up to <see cref="EndMinute"/> (exclusive) on the days in <see cref="Days"/>. A start after the
/// end is an overnight window, which belongs to the day it opens on. <see cref="Preset"/> names a preset it came from.
/// </summary>
[GenerateSerializer, Immutable, Alias("batch.calling-window")]
public sealed record CallingWindow(
    [property: Id(0)] int StartMinute,
    [property: Id(1)] int EndMinute,
    [property: Id(2)] WeekDays Days,
    [property: Id(3)] string? Preset = null)
{
    public bool IsOvernight => StartMinute > EndMinute;
}
