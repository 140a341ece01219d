using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace BatchCalling.Contacts;

/// <summary>Contact records read one by one from grain storage, <see cref="StorageLanes.Width"/> at a time (the embedded default).</summary>
internal sealed class StorageContactRecords([FromKeyedServices(BatchStorage.Name)] IGrainStorage storage, IGrainFactory grains) : IContactRecords
{
    public async Task<IReadOnlyList<CallAttempt>[]> ReadCallsAsync(string jobId, IReadOnlyList<int> indices)
    {
        var calls = new IReadOnlyList<CallAttempt>[indices.Count];
        await StorageLanes.ForEachAsync(indices, async (index, n) => calls[n] = await ContactCalls.ReadAsync(storage, grains, ContactKey.For(jobId, index)));
        return calls;
    }

    public Task EraseAsync(string jobId, int total) =>
        StorageLanes.ForEachAsync(Enumerable.Range(0, total).ToList(), (index, _) => ContactCalls.EraseAsync(storage, grains, ContactKey.For(jobId, index)));
}
