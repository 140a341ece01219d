using System.Globalization;
using BatchCalling.Windows;

namespace BatchCalling.Gateway.Jobs;

/// <summary><c>callingWindow</c> of a job on the wire: its hours (<c>end</c> exclusive), its days, and the preset it came from.</summary>
public sealed record CallingWindowResponse(string Start, string End, IReadOnlyList<string> Days, string? Preset)
{
    public static CallingWindowResponse? From(CallingWindow? window) =>
        window is null ? null : new(Time(window.StartMinute), Time(window.EndMinute), window.Days.WireNames(), window.Preset);

    private static string Time(int minute) => TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(minute)).ToString("HH:mm", CultureInfo.InvariantCulture);
}
