namespace BatchCalling;

/// <summary>Time zones by IANA name (<c>America/New_York</c>, <c>UTC</c>); Windows names are not accepted.</summary>
public static class IanaZones
{
    /// <summary>The zone, or null when the name is not an IANA zone this system knows.</summary>
    public static TimeZoneInfo? Find(string? name) =>
        !string.IsNullOrWhiteSpace(name) && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) && zone.HasIanaId ? zone : null;
}
