using System.Globalization;
using System.Text.RegularExpressions;

namespace BatchCalling.Gateway.Parsing;

/// <summary>
/// Reads <c>scheduledStartTime</c> + <c>timezone</c> (API.md "Times"): without an offset the time is wall-clock in the
/// zone (a time in a daylight-saving gap is invalid; a repeated one takes the earlier instant); with an offset or
/// <c>Z</c> it is absolute.
/// </summary>
public static partial class ScheduleTimeParser
{
    public const string InvalidTimezone = "invalid_timezone";
    public const string InvalidDatetime = "invalid_datetime";

    /// <summary>The IANA zone, or null when the name is not one.</summary>
    public static TimeZoneInfo? FindZone(string? timezone) => IanaZones.Find(timezone);

    /// <summary>The instant in UTC, or the error code.</summary>
    public static (DateTimeOffset? Utc, string? Error) Parse(string? text, string? timezone)
    {
        if (FindZone(timezone) is not { } zone)
        {
            return (null, InvalidTimezone);
        }

        var match = text is null ? null : IsoDateTime().Match(text);
        if (match is not { Success: true } ||
            !DateTime.TryParseExact(match.Groups["local"].Value, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return (null, InvalidDatetime);
        }

        try
        {
            return (ToUtc(local, match.Groups["offset"].Value, zone), null);
        }
        catch (ArgumentException)
        {
            // Outside the representable range, a gap in the zone, or an offset that does not exist.
            return (null, InvalidDatetime);
        }
    }

    private static DateTimeOffset ToUtc(DateTime local, string offset, TimeZoneInfo zone)
    {
        if (offset == "Z")
        {
            return new DateTimeOffset(local, TimeSpan.Zero);
        }

        if (offset.Length > 0)
        {
            if (!TimeSpan.TryParseExact(offset[1..].Replace(":", "", StringComparison.Ordinal), "hhmm", CultureInfo.InvariantCulture, out var span))
            {
                throw new ArgumentException("Bad offset.", nameof(offset));
            }

            return new DateTimeOffset(local, offset[0] == '-' ? -span : span).ToUniversalTime();
        }

        if (zone.IsInvalidTime(local))
        {
            throw new ArgumentException("The local time falls in a daylight-saving gap.", nameof(local));
        }

        var zoneOffset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, zoneOffset).ToUniversalTime();
    }

    [GeneratedRegex(@"^(?<local>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?)(?<offset>Z|[+-]\d{2}:?\d{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDateTime();
}
