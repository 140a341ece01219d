namespace BatchCalling.Recipients;

/// <summary>
/// An organization's do-not-call list as its API sees it (see <see cref="IDoNotCallListGrain"/>): the numbers live in their
/// ranges, which a dial asks directly; this grain routes changes to them and keeps their counts, for pages and the total.
/// </summary>
internal sealed class DoNotCallListGrain(
    [PersistentState("do-not-call-list", BatchStorage.Name)] IPersistentState<DoNotCallListState> state) : Grain, IDoNotCallListGrain
{
    /// <summary>Ranges written at once: each is a database write, and a whole request's at once would take every connection.</summary>
    private const int RangesAtOnce = 16;

    private string OrganizationId => this.GetPrimaryKeyString();

    private int[] Counts => state.State.Counts;

    async Task<int> IDoNotCallListGrain.AddAsync(IReadOnlyList<string> numbers)
    {
        var added = 0;
        foreach (var ranges in numbers.GroupBy(n => RecipientKey.Range(OrganizationId, n)).Chunk(RangesAtOnce))
        {
            var changes = await Task.WhenAll(ranges.Select(async r => (r.Key, await Range(r.Key).AddDoNotCallAsync([.. r]))));
            foreach (var (range, change) in changes)
            {
                Counts[range] = change.Count;
                added += change.Changed;
            }
        }

        await WriteIfChangedAsync(added);
        return added;
    }

    async Task<bool> IDoNotCallListGrain.RemoveAsync(string number)
    {
        var range = RecipientKey.Range(OrganizationId, number);
        var change = await Range(range).RemoveDoNotCallAsync(number);
        Counts[range] = change.Count;
        await WriteIfChangedAsync(change.Changed);
        return change.Changed > 0;
    }

    async Task<DoNotCallPage> IDoNotCallListGrain.GetPageAsync(int page, int pageSize)
    {
        var slices = DoNotCallPages.Locate(Counts, (page - 1L) * pageSize, pageSize);
        var numbers = await Task.WhenAll(slices.Select(s => Range(s.Range).GetDoNotCallAsync(s.Skip, s.Take)));
        return new DoNotCallPage([.. numbers.SelectMany(n => n)], Counts.Sum());
    }

    private IRecipientRangeGrain Range(int range) => GrainFactory.GetGrain<IRecipientRangeGrain>(RecipientKey.Of(OrganizationId, range));

    /// <summary>
    /// The counts are what the ranges said: true in memory once they answered, whatever this write does. Should it fail, the
    /// stored counts lag until the ranges concerned change again and say their counts anew (the activation goes, as the
    /// write may have landed).
    /// </summary>
    private async Task WriteIfChangedAsync(int changed)
    {
        try
        {
            if (changed > 0)
            {
                await state.WriteStateAsync();
            }
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }
}
