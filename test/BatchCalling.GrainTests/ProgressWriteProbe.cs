using System.Collections.Concurrent;
using BatchCalling.Jobs;
using BatchCalling.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;

namespace BatchCalling.GrainTests;

/// <summary>
/// Watches the batch grain storage of both silos: as a watched job writes a progress chunk, before the write, it looks up
/// every contact the chunk records as final in the outbox of the job's endpoint, and notes each one that has no event there.
/// </summary>
public sealed class ProgressWriteProbe
{
    private readonly ConcurrentDictionary<string, string> _endpointOfJob = new();
    private readonly ConcurrentDictionary<string, int> _checked = new();

    /// <summary>Contacts that were written final before their event was in the outbox.</summary>
    public ConcurrentQueue<string> Missing { get; } = new();

    public void Watch(string jobId, string endpointId) => _endpointOfJob[jobId] = endpointId;

    /// <summary>The most final contacts one progress write of the job recorded.</summary>
    public int FinalWrittenOf(string jobId) => _checked.GetValueOrDefault(jobId);

    /// <summary>Puts the probe between the silo's grain storage <see cref="BatchStorage.Name"/> and the grains.</summary>
    public void Install(IServiceCollection services)
    {
        var original = services.Single(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, BatchStorage.Name));
        services.Remove(original);
        services.AddKeyedSingleton<IGrainStorage>(BatchStorage.Name, (sp, key) =>
            new WatchedStorage((IGrainStorage)original.KeyedImplementationFactory!(sp, key), this, sp));
    }

    private async Task BeforeWriteAsync(string stateName, GrainId grainId, object? state, IServiceProvider services)
    {
        if (state is not ProgressChunk chunk || !_endpointOfJob.TryGetValue(grainId.Key.ToString()!, out var endpointId))
        {
            return;
        }

        var jobId = grainId.Key.ToString()!;
        var first = int.Parse(stateName["progress-".Length..], System.Globalization.CultureInfo.InvariantCulture) * ContactBoard.ChunkSize;
        var enqueued = (await services.GetRequiredService<IWebhookOutbox>().RecentAsync(endpointId, 100_000)).Select(d => d.EventId).ToHashSet();
        var final = Enumerable.Range(first, chunk.Contacts.Length).Where(i => chunk.Contacts[i - first].IsFinal).ToList();
        _checked.AddOrUpdate(jobId, final.Count, (_, n) => Math.Max(n, final.Count));
        foreach (var index in final.Where(i => !enqueued.Contains($"evt_{jobId}_{i}_finished")))
        {
            Missing.Enqueue($"{jobId}/{index}");
        }
    }

    private sealed class WatchedStorage(IGrainStorage inner, ProgressWriteProbe probe, IServiceProvider services)
        : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            await probe.BeforeWriteAsync(stateName, grainId, grainState.State, services);
            await inner.WriteStateAsync(stateName, grainId, grainState);
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

        public void Participate(ISiloLifecycle observer) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(observer);
    }
}
