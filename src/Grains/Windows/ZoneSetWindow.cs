namespace BatchCalling.Windows;

/// <summary>
/// A calling window over a set of zones, open only while it is open in every one (a number whose zones differ is called
/// only when it is daytime in all of them). Answers by spans, and keeps the last two it worked out: the contacts of a set
/// share them, so a job computes each opening once per set, however many contacts wait for it.
/// </summary>
internal sealed class ZoneSetWindow(IReadOnlyList<ZoneWindow> zones)
{
    /// <summary>A year and a week: every zone has been through each of its offsets, so a set not open by then never is.</summary>
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(373);

    private WindowSpan? _last;
    private WindowSpan? _before;

    public bool IsOpen(DateTimeOffset at) => zones.All(z => z.IsOpen(at));

    /// <summary>The span <paramref name="at"/> falls in, and when it ends.</summary>
    public WindowSpan At(DateTimeOffset at)
    {
        if (_last is { } last && last.Covers(at))
        {
            return last;
        }

        if (_before is { } before && before.Covers(at))
        {
            return before;
        }

        var span = Compute(at);
        (_before, _last) = (_last, span);
        return span;
    }

    private WindowSpan Compute(DateTimeOffset at)
    {
        if (IsOpen(at))
        {
            return new WindowSpan(at, zones.Min(z => z.NextChange(at)), true);
        }

        // Each step moves to the next opening of a zone still closed; where none is closed, all are open at once.
        for (var t = at; t - at < Horizon;)
        {
            if (zones.FirstOrDefault(z => !z.IsOpen(t)) is not { } closed)
            {
                return new WindowSpan(at, t, false);
            }

            t = closed.NextChange(t);
        }

        return new WindowSpan(at, null, false);
    }
}
