using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace BatchCalling.Jobs;

internal sealed class JobIndexGrain(
    [PersistentState("jobindex", BatchStorage.Name)] IPersistentState<JobIndexState> state,
    ILogger<JobIndexGrain> logger)
    : Grain, IJobIndexGrain
{
    private readonly ObserverManager<IJobListWatcher> _watchers = new(WatchLease.Duration, logger);

    async Task IJobIndexGrain.UpsertAsync(JobIndexEntry entry)
    {
        var listed = state.State.Jobs.GetValueOrDefault(entry.JobId);
        if (listed == entry)
        {
            return;
        }

        state.State.Jobs[entry.JobId] = entry;
        await state.WriteStateAsync();
        if (listed is null)
        {
            // One-way: nothing to wait for.
            _watchers.Notify(w => { _ = w.JobListedAsync(entry.JobId); });
        }
    }

    Task IJobIndexGrain.WatchAsync(IJobListWatcher watcher)
    {
        _watchers.Subscribe(watcher, watcher);
        return Task.CompletedTask;
    }

    Task IJobIndexGrain.UnwatchAsync(IJobListWatcher watcher)
    {
        _watchers.Unsubscribe(watcher);
        return Task.CompletedTask;
    }

    async Task IJobIndexGrain.RemoveAsync(string jobId)
    {
        if (state.State.Jobs.Remove(jobId, out var entry))
        {
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                state.State.Jobs[jobId] = entry;
                throw;
            }
        }
    }

    Task<JobIndexPage> IJobIndexGrain.ListAsync(JobStatus? status, string? nameContains, int page, int pageSize)
    {
        var matching = state.State.Jobs.Values
            .Where(j => status is null || j.Status == status)
            .Where(j => nameContains is null || (j.Name?.Contains(nameContains, StringComparison.OrdinalIgnoreCase) ?? false))
            .OrderByDescending(j => j.CreatedAt)
            .ThenByDescending(j => j.JobId, StringComparer.Ordinal)
            .ToList();
        var ids = matching.Skip((page - 1) * pageSize).Take(pageSize).Select(j => j.JobId).ToList();
        return Task.FromResult(new JobIndexPage(matching.Count, ids));
    }
}
