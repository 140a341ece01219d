namespace BatchCalling.Windows;

/// <summary>
/// A stretch of time in which a calling window stays open or stays closed: from <see cref="From"/> up to
/// <see cref="Until"/>. A closed span without an end never opens.
/// </summary>
internal readonly record struct WindowSpan(DateTimeOffset From, DateTimeOffset? Until, bool Open)
{
    public bool Covers(DateTimeOffset at) => at >= From && (Until is not { } until || at < until);
}
