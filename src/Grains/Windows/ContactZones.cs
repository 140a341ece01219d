using BatchCalling.Contacts;
using PhoneNumbers;

namespace BatchCalling.Windows;

/// <summary>
/// The zones a contact's calling window is judged in (API.md "Calling window"), in this order: its own <c>timezone</c>
/// field; the zones libphonenumber maps a geographic number to (all of them); else the job's zone, for numbers that belong
/// to no place (toll-free, and mobile ranges that span a whole country) or that the map cannot place.
/// </summary>
internal static class ContactZones
{
    /// <summary>The key of the job's own zone, which a reschedule may change after the contacts were placed.</summary>
    public const string JobZone = "";

    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();
    private static readonly PhoneNumberToTimeZonesMapper Map = PhoneNumberToTimeZonesMapper.GetInstance();

    /// <summary>The contact's zones as a key: IANA names in order, comma-separated; <see cref="JobZone"/> for the job's.</summary>
    public static string KeyOf(ContactInput contact)
    {
        if (IanaZones.Find(ContactTimezone.Of(contact.CustomFieldsJson)) is { } own)
        {
            return own.Id;
        }

        PhoneNumber number;
        try
        {
            number = Phones.Parse(contact.Phone, null);
        }
        catch (NumberParseException)
        {
            return JobZone;
        }

        if (!Phones.IsNumberGeographical(number))
        {
            return JobZone;
        }

        var zones = Map.GetTimeZonesForGeographicalNumber(number)
            .Select(IanaZones.Find).OfType<TimeZoneInfo>().Select(z => z.Id).Distinct().Order(StringComparer.Ordinal).ToList();
        return zones.Count == 0 ? JobZone : string.Join(',', zones);
    }

    /// <summary>The zones a key names; the job's zone for <see cref="JobZone"/>.</summary>
    public static IReadOnlyList<TimeZoneInfo> Of(string key, string jobZone) =>
        [.. (key == JobZone ? new[] { jobZone } : key.Split(',')).Select(name => IanaZones.Find(name) ?? TimeZoneInfo.Utc)];
}
