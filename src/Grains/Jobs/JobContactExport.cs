using BatchCalling.Contacts;

namespace BatchCalling.Jobs;

/// <summary>
/// The export's pages: one stored input chunk each, with progress from the board and the last call of every contact that
/// was dialed read from its stored record, so an export of 10,000 contacts activates none of them (their records are
/// written before each dial and at each call's end, so they say what the grain would).
/// </summary>
internal static class JobContactExport
{
    public static async Task<ContactExportPage> ReadPageAsync(
        string jobId, ContactBoard board, JobContactStore store, IContactRecords records, ContactStatus? status, int page)
    {
        if (page < 0 || page >= store.ChunkCount)
        {
            return new ContactExportPage([], false);
        }

        var first = page * ContactBoard.ChunkSize;
        var inputs = await store.ReadInputChunkAsync(page);
        var indices = Enumerable.Range(first, inputs.Count).Where(i => status is not { } wanted || board[i].Status == wanted).ToList();
        var dialed = indices.Where(i => board[i].Attempts > 0).ToList();
        var calls = await records.ReadCallsAsync(jobId, dialed);
        var lastCalls = dialed.Select((index, n) => (index, n)).Where(d => calls[d.n].Count > 0).ToDictionary(d => d.index, d => calls[d.n][^1]);
        var rows = indices.Select(index => JobViews.ExportRow(index, inputs[index - first], board[index], lastCalls.GetValueOrDefault(index)));
        return new ContactExportPage([.. rows], page + 1 < store.ChunkCount);
    }
}
