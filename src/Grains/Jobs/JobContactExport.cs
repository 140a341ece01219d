using BatchCalling.Contacts;
using Orleans.Storage;

namespace BatchCalling.Jobs;

/// <summary>
/// The export's pages: one stored input chunk each, with progress from the board and the last call of every contact that
/// was dialed read from its stored record, so an export of 10,000 contacts activates none of them (their records are
/// written before each dial and at each call's end, so they say what the grain would).
/// </summary>
internal static class JobContactExport
{
    public static async Task<ContactExportPage> ReadPageAsync(
        string jobId, ContactBoard board, JobContactStore store, IGrainStorage storage, IGrainFactory grains, ContactStatus? status, int page)
    {
        if (page < 0 || page >= store.ChunkCount)
        {
            return new ContactExportPage([], false);
        }

        var first = page * ContactBoard.ChunkSize;
        var inputs = await store.ReadInputChunkAsync(page);
        var indices = Enumerable.Range(first, inputs.Count).Where(i => status is not { } wanted || board[i].Status == wanted).ToList();
        var lastCalls = new CallAttempt?[indices.Count];
        await StorageLanes.ForEachAsync(indices, async (index, n) =>
        {
            if (board[index].Attempts > 0 && await ContactCalls.ReadAsync(storage, grains, ContactKey.For(jobId, index)) is [.., var last])
            {
                lastCalls[n] = last;
            }
        });
        var rows = indices.Select((index, n) => JobViews.ExportRow(index, inputs[index - first], board[index], lastCalls[n]));
        return new ContactExportPage([.. rows], page + 1 < store.ChunkCount);
    }
}
