namespace BatchCalling;

/// <summary>
/// Storage work over many records, a few at a time. Each read or write holds a database connection: a thousand at once
/// took the silo's pool and the server's connection limit from every other grain (PostgreSQL: "too many clients already").
/// </summary>
internal static class StorageLanes
{
    public const int Width = 16;

    /// <summary>Calls <paramref name="each"/> with every item and its position, at most <see cref="Width"/> at a time.</summary>
    public static Task ForEachAsync<T>(IReadOnlyList<T> items, Func<T, int, Task> each) =>
        Task.WhenAll(Enumerable.Range(0, Math.Min(Width, items.Count)).Select(async lane =>
        {
            for (var n = lane; n < items.Count; n += Width)
            {
                await each(items[n], n);
            }
        }));
}
