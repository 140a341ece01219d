using System.Globalization;

namespace BatchCalling.Wire;

/// <summary>Timestamps on the wire, in JSON and CSV alike: UTC with a Z, <c>2025-03-01T15:00:00Z</c> (a fraction only when there is one).</summary>
public static class UtcTimestamp
{
    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
