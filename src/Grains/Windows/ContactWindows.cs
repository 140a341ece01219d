namespace BatchCalling.Windows;

/// <summary>
/// The calling window of each contact of a job, for its board: one <see cref="ZoneSetWindow"/> per distinct zone set,
/// shared by that set's contacts. Asked about one contact at a time, it answers from its set's spans; once per round it
/// tells whether any set closed, the only time contacts ready to dial must be looked at again.
/// </summary>
public sealed class ContactWindows
{
    private readonly ZoneSetWindow[] _groups;
    private readonly ushort[] _groupOf;
    private readonly bool[] _wasOpen;
    private DateTimeOffset _recheckAt = DateTimeOffset.MinValue;

    private ContactWindows(ZoneSetWindow[] groups, ushort[] groupOf)
    {
        _groups = groups;
        _groupOf = groupOf;
        _wasOpen = new bool[groups.Length];
    }

    /// <summary>The windows of a job's contacts, with <paramref name="jobZone"/> for those placed in the job's zone.</summary>
    public static ContactWindows Of(CallingWindow window, ContactZoneGroups groups, string jobZone) =>
        new([.. groups.Keys.Select(key => new ZoneSetWindow([.. ContactZones.Of(key, jobZone).Select(zone => new ZoneWindow(window, zone))]))],
            groups.GroupOf);

    /// <summary>
    /// Null when the contact's window is open at <paramref name="at"/>; else when it next opens, or
    /// <see cref="DateTimeOffset.MaxValue"/> when its zones never share an open moment.
    /// </summary>
    public DateTimeOffset? OpensAt(int index, DateTimeOffset at) =>
        _groups[_groupOf[index]].At(at) is { Open: false } span ? span.Until ?? DateTimeOffset.MaxValue : null;

    /// <summary>True on the first call, and when a zone set that was open is closed at <paramref name="now"/>.</summary>
    public bool ClosedSince(DateTimeOffset now)
    {
        if (now < _recheckAt)
        {
            return false;
        }

        var closed = _recheckAt == DateTimeOffset.MinValue;
        var recheckAt = DateTimeOffset.MaxValue;
        for (var g = 0; g < _groups.Length; g++)
        {
            var span = _groups[g].At(now);
            closed |= _wasOpen[g] && !span.Open;
            _wasOpen[g] = span.Open;
            if (span.Until is { } until && until < recheckAt)
            {
                recheckAt = until;
            }
        }

        _recheckAt = recheckAt;
        return closed;
    }
}
