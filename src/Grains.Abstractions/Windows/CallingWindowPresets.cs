namespace BatchCalling.Windows;

/// <summary>
/// Named calling windows a job may pick by <c>preset</c>, kept as data so stricter rules (states, holidays) are added as
/// entries, not code (TELEPHONY.md "Compliance").
/// </summary>
public static class CallingWindowPresets
{
    /// <summary>US federal rule (TCPA, 47 CFR 64.1200(c)(1)): 8 am to 9 pm in the called person's local time, every day.</summary>
    public static readonly CallingWindow Tcpa = new(8 * 60, 21 * 60, WeekDays.All, "tcpa");

    public static readonly IReadOnlyDictionary<string, CallingWindow> ByName = new Dictionary<string, CallingWindow>(StringComparer.Ordinal)
    {
        [Tcpa.Preset!] = Tcpa,
    };
}
