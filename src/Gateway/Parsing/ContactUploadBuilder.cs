using BatchCalling.Contacts;

namespace BatchCalling.Gateway.Parsing;

/// <summary>Collects rows of either upload format: validates phones, drops duplicates, counts and lists skips.</summary>
internal sealed class ContactUploadBuilder
{
    public const int MaxContacts = 10_000;
    public const int MaxListedSkips = 100;

    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<ContactInput> _contacts = [];
    private readonly List<SkippedContact> _skipped = [];
    private int _skippedCount;
    private int _rows;

    /// <summary>True once more rows arrived than a job may hold.</summary>
    public bool TooMany => _rows > MaxContacts;

    public void Add(int row, string? phone, string? name, string? customFieldsJson)
    {
        _rows++;
        var reason = PhoneNumberRules.Check(phone) ?? TimezoneCheck(customFieldsJson) ?? (_seen.Add(phone!) ? null : SkipReasons.DuplicatePhone);
        if (reason is null)
        {
            _contacts.Add(new ContactInput(phone!, string.IsNullOrEmpty(name) ? null : name, customFieldsJson));
        }
        else
        {
            Skip(row, phone, reason);
        }
    }

    public void Skip(int row, string? phone, string reason)
    {
        _skippedCount++;
        if (_skipped.Count < MaxListedSkips)
        {
            _skipped.Add(new SkippedContact(row, phone, reason));
        }
    }

    /// <summary>A contact's own <c>timezone</c> field, when it has one, names an IANA zone.</summary>
    private static string? TimezoneCheck(string? customFieldsJson) =>
        ContactTimezone.Of(customFieldsJson) is { } zone && IanaZones.Find(zone) is null ? SkipReasons.InvalidTimezone : null;

    public ContactUpload Build() =>
        TooMany ? ContactUpload.Failure(UploadErrors.TooManyContacts)
        : _contacts.Count == 0 ? new ContactUpload([], _skipped, _skippedCount, UploadErrors.NoValidContacts)
        : new ContactUpload(_contacts, _skipped, _skippedCount, null);
}
