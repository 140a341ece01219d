using BatchCalling.Contacts;

namespace BatchCalling.Jobs;

/// <summary>A job's progress over time, rebuilt from when each of its contacts became final.</summary>
public static class JobTimeline
{
    /// <summary>
    /// <paramref name="points"/> instants evenly spaced from <paramref name="start"/> to <paramref name="end"/> (both
    /// included), each with the contacts final by then. A final contact without a completion time counts from the end.
    /// </summary>
    public static IReadOnlyList<ProgressPoint> Of(IEnumerable<ContactProgress> contacts, DateTimeOffset start, DateTimeOffset end, int points)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        end = end < start ? start : end;
        var step = (end - start) / (points - 1);
        var processed = new int[points];
        var successful = new int[points];
        foreach (var contact in contacts.Where(c => c.IsFinal))
        {
            var at = contact.CompletedAt ?? end;
            // The first point at or after its completion; one before the start counts from the start.
            var first = step <= TimeSpan.Zero || at <= start ? 0 : (int)Math.Min(points - 1, Math.Ceiling((at - start) / step));
            processed[first]++;
            if (contact.Status == ContactStatus.Completed)
            {
                successful[first]++;
            }
        }

        var timeline = new ProgressPoint[points];
        for (int i = 0, doneBy = 0, completedBy = 0; i < points; i++)
        {
            doneBy += processed[i];
            completedBy += successful[i];
            timeline[i] = new ProgressPoint(i == points - 1 ? end : start + (step * i), doneBy, completedBy);
        }

        return timeline;
    }
}
