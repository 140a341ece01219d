namespace BatchCalling.Recipients;

/// <summary>
/// An organization's do-not-call list (key: organization id) as its API shows it: adds and removes go to the numbers'
/// ranges, and it keeps how many numbers each range holds, so a page is read from the few ranges it spans.
/// </summary>
[Alias("batch.IDoNotCallListGrain")]
public interface IDoNotCallListGrain : IGrainWithStringKey
{
    /// <summary>Adds valid E.164 numbers; answers how many were not on the list before.</summary>
    [Alias("Add")]
    Task<int> AddAsync(IReadOnlyList<string> numbers);

    /// <summary>Removes a number; false when it was not on the list.</summary>
    [Alias("Remove")]
    Task<bool> RemoveAsync(string number);

    /// <summary>One page (1-based) of the list, in range order and ascending within a range: stable while the list does not change.</summary>
    [Alias("GetPage")]
    Task<DoNotCallPage> GetPageAsync(int page, int pageSize);
}
