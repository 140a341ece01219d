using BatchCalling.Contacts;
using BatchCalling.Windows;
using Orleans.Storage;

namespace BatchCalling.Jobs;

/// <summary>
/// A job's contacts in storage, in chunks beside the job's own record: inputs (written once) and progress
/// (rewritten chunk by chunk as it changes). Used from the job grain's turns only.
/// </summary>
internal sealed class JobContactStore(IGrainStorage storage, GrainId jobId, int total)
{
    private readonly Dictionary<string, string?> _etags = [];
    private readonly Dictionary<int, ContactChunk> _inputs = [];

    public int ChunkCount => (total + ContactBoard.ChunkSize - 1) / ContactBoard.ChunkSize;

    public Task WriteInputsAsync(IReadOnlyList<ContactInput> contacts) =>
        Task.WhenAll(Enumerable.Range(0, ChunkCount)
            .Select(k => WriteAsync(InputName(k), new ContactChunk { Contacts = [.. contacts.Skip(k * ContactBoard.ChunkSize).Take(ContactBoard.ChunkSize)] }))
            .Append(WriteAsync(CustomFieldsName, new CustomFieldsRecord { Names = CustomFieldNames.Of(contacts) })));

    /// <summary>The custom fields' names in first-seen order; a job stored before they were kept has them found in its inputs.</summary>
    public async Task<IReadOnlyList<string>> ReadCustomFieldNamesAsync()
    {
        if (await ReadAsync<CustomFieldsRecord>(CustomFieldsName) is { } record)
        {
            return record.Names;
        }

        var names = new CustomFieldNames();
        for (var k = 0; k < ChunkCount; k++)
        {
            names.Add(await ReadInputChunkAsync(k));
        }

        return names.Names;
    }

    /// <summary>
    /// The uploaded contacts of one chunk, for a pass over all of them (an export): kept only if a dial had kept them, so a
    /// pass leaves no more of the job's inputs in memory than it found.
    /// </summary>
    public async Task<IReadOnlyList<ContactInput>> ReadInputChunkAsync(int chunk) =>
        _inputs.TryGetValue(chunk, out var kept) ? kept.Contacts
        : (await ReadAsync<ContactChunk>(InputName(chunk)))?.Contacts ?? throw MissingChunk(chunk);

    /// <summary>The uploaded contacts at these indices; chunks read once are kept for the activation.</summary>
    public async Task<Dictionary<int, ContactInput>> ReadInputsAsync(IEnumerable<int> indices)
    {
        var wanted = indices.ToList();
        var missing = wanted.Select(i => i / ContactBoard.ChunkSize).Distinct().Where(k => !_inputs.ContainsKey(k)).ToList();
        var loaded = await Task.WhenAll(missing.Select(k => ReadAsync<ContactChunk>(InputName(k))));
        for (var n = 0; n < missing.Count; n++)
        {
            _inputs[missing[n]] = loaded[n] ?? throw MissingChunk(missing[n]);
        }

        return wanted.ToDictionary(i => i, i => _inputs[i / ContactBoard.ChunkSize].Contacts[i % ContactBoard.ChunkSize]);
    }

    /// <summary>Drops the cached inputs (when the job no longer dials).</summary>
    public void ForgetInputs() => _inputs.Clear();

    /// <summary>Each contact's zones, written once beside the inputs of a job with a calling window.</summary>
    public Task WriteZoneGroupsAsync(ContactZoneGroups groups) => WriteAsync(ZonesName, groups);

    public async Task<ContactZoneGroups> ReadZoneGroupsAsync() =>
        await ReadAsync<ContactZoneGroups>(ZonesName) ?? throw new InvalidOperationException($"The contact zones of {jobId} are missing.");

    public async Task<ContactBoard> LoadBoardAsync(RetryPolicy retryPolicy, TimeSpan retryDelay, TimeSpan reaskAfter, ContactWindows? windows)
    {
        var chunks = await Task.WhenAll(Enumerable.Range(0, ChunkCount).Select(k => ReadAsync<ProgressChunk>(ProgressName(k))));
        var progress = new ContactProgress[total];
        for (var k = 0; k < chunks.Length; k++)
        {
            chunks[k]?.Contacts.CopyTo(progress, k * ContactBoard.ChunkSize);
        }

        // Dials newer than the last progress write: those contacts may be on a call.
        var inFlight = await ReadAsync<InFlightRecord>(InFlightName) ?? new InFlightRecord();
        for (var n = 0; n < inFlight.Indices.Length; n++)
        {
            ref var contact = ref progress[inFlight.Indices[n]];
            if (contact.Attempts < inFlight.Attempts[n])
            {
                contact = contact with { Status = ContactStatus.Dialing, Attempts = inFlight.Attempts[n], NextAttemptAt = null };
            }
        }

        return new ContactBoard(progress, retryPolicy, retryDelay, reaskAfter, windows);
    }

    /// <summary>Writes which contacts may be on a call, before they are dialed.</summary>
    public Task WriteInFlightAsync(ContactBoard board) => WriteAsync(InFlightName, board.InFlightRecord());

    public Task SaveProgressAsync(ContactBoard board) =>
        Task.WhenAll(board.TakeDirtyChunks().Select(async c =>
        {
            try
            {
                await WriteAsync(ProgressName(c.Chunk), new ProgressChunk { Contacts = c.Contacts });
            }
            catch
            {
                board.MarkDirty(c.Chunk);
                throw;
            }
        }));

    /// <summary>Erases every record of the job's contacts: uploads, progress, custom fields' names and each contact's calls.</summary>
    public async Task EraseAsync(IContactRecords contacts, string jobKey)
    {
        await contacts.EraseAsync(jobKey, total);
        var chunks = Enumerable.Range(0, ChunkCount).ToList();
        await StorageLanes.ForEachAsync(chunks, (k, _) => storage.EraseAsync<ContactChunk>(InputName(k), jobId));
        await StorageLanes.ForEachAsync(chunks, (k, _) => storage.EraseAsync<ProgressChunk>(ProgressName(k), jobId));
        await storage.EraseAsync<InFlightRecord>(InFlightName, jobId);
        await storage.EraseAsync<CustomFieldsRecord>(CustomFieldsName, jobId);
        await storage.EraseAsync<ContactZoneGroups>(ZonesName, jobId);
        ForgetInputs();
    }

    private const string InFlightName = "inflight";

    private const string CustomFieldsName = "custom-fields";

    private const string ZonesName = "zones";

    private static string InputName(int chunk) => $"contacts-{chunk}";

    private static string ProgressName(int chunk) => $"progress-{chunk}";

    private InvalidOperationException MissingChunk(int chunk) => new($"Contact chunk {chunk} of {jobId} is missing.");

    private async Task<T?> ReadAsync<T>(string name)
        where T : class
    {
        var state = new GrainState<T>();
        await storage.ReadStateAsync(name, jobId, state);
        _etags[name] = state.ETag;
        return state.RecordExists ? state.State : null;
    }

    private async Task WriteAsync<T>(string name, T value)
    {
        var state = new GrainState<T>(value, _etags.GetValueOrDefault(name));
        await storage.WriteStateAsync(name, jobId, state);
        _etags[name] = state.ETag;
    }
}
