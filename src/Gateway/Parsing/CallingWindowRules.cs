using System.Globalization;
using System.Text.Json;
using BatchCalling.Windows;

namespace BatchCalling.Gateway.Parsing;

/// <summary>
/// Reads a create's <c>callingWindow</c> (API.md "Calling window"): <c>{ "start": "09:00", "end": "20:00", "days": ["mon", …] }</c>
/// (days default to all; <c>end</c> is exclusive; a start after the end is an overnight window) or
/// <c>{ "preset": "tcpa" }</c>.
/// </summary>
public static class CallingWindowRules
{
    public const string Field = "callingWindow";

    private const string Shape = "Must be { \"start\": \"HH:mm\", \"end\": \"HH:mm\", \"days\": [\"mon\", …, \"sun\"] } or { \"preset\": \"tcpa\" }.";

    /// <summary>The window (null when none was given), with any fault added to <paramref name="errors"/>.</summary>
    public static CallingWindow? Read(Dictionary<string, string[]> errors, string? json)
    {
        if (json is null)
        {
            return null;
        }

        var (window, error) = Parse(json);
        if (error is not null)
        {
            errors.TryAdd(Field, [error]);
        }

        return window;
    }

    private static (CallingWindow?, string?) Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, Shape);
            }

            var names = root.EnumerateObject().Select(p => p.Name).ToList();
            if (names.Contains("preset"))
            {
                return names.Count == 1 && root.GetProperty("preset").ValueKind == JsonValueKind.String
                    && CallingWindowPresets.ByName.TryGetValue(root.GetProperty("preset").GetString()!, out var preset)
                    ? (preset, null)
                    : (null, $"A preset is given alone, one of: {string.Join(", ", CallingWindowPresets.ByName.Keys)}.");
            }

            if (names.Any(n => n is not ("start" or "end" or "days")) || Minute(root, "start") is not { } start || Minute(root, "end") is not { } end)
            {
                return (null, Shape);
            }

            if (start == end)
            {
                return (null, "start and end must differ (end is exclusive).");
            }

            return Days(root) is { } days ? (new CallingWindow(start, end, days), null) : (null, "days must be a non-empty array of mon, tue, wed, thu, fri, sat, sun.");
        }
        catch (JsonException)
        {
            return (null, Shape);
        }
    }

    /// <summary>A wall-clock time <c>HH:mm</c> from 00:00 to 23:59, as minutes of the day.</summary>
    private static int? Minute(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && TimeOnly.TryParseExact(value.GetString(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time.Hour * 60 + time.Minute
            : null;

    private static WeekDays? Days(JsonElement root)
    {
        if (!root.TryGetProperty("days", out var list))
        {
            return WeekDays.All;
        }

        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            return null;
        }

        var days = WeekDays.None;
        foreach (var item in list.EnumerateArray())
        {
            if (WeekDaysExtensions.Parse(item.ValueKind == JsonValueKind.String ? item.GetString() : null) is not { } day)
            {
                return null;
            }

            days |= day;
        }

        return days;
    }
}
