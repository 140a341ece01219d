using BatchCalling.Contacts;

namespace BatchCalling.Jobs;

/// <summary>
/// One page of a job's contacts in upload order: progress from the board, uploads from the input chunks the page falls
/// in, and every call (with what the platform said of it) from the grains of the contacts that were dialed.
/// </summary>
internal static class JobContactPages
{
    public static async Task<ContactPage> ReadAsync(
        string jobId, ContactBoard board, JobContactStore store, IGrainFactory grains, ContactQuery query)
    {
        var matching = Enumerable.Range(0, board.Total);
        if (query.Status is { } status)
        {
            matching = matching.Where(i => board[i].Status == status);
        }

        var total = query.Status is { } counted ? board.Count(counted) : board.Total;
        var indices = matching.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToList();
        return new ContactPage(total, await ReadAsync(jobId, board, store, grains, indices));
    }

    /// <summary>The contacts at these indices, each with every call placed.</summary>
    public static async Task<List<ContactView>> ReadAsync(
        string jobId, ContactBoard board, JobContactStore store, IGrainFactory grains, IReadOnlyList<int> indices)
    {
        var inputs = await store.ReadInputsAsync(indices);
        var calls = await Task.WhenAll(indices.Select(i => board[i].Attempts == 0
            ? Task.FromResult<IReadOnlyList<CallAttempt>>([])
            : grains.GetGrain<IContactGrain>(ContactKey.For(jobId, i)).GetCallsAsync()));
        return [.. indices.Select((index, n) => JobViews.Contact(index, inputs[index], board[index], calls[n]))];
    }
}
