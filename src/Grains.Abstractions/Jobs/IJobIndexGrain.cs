namespace BatchCalling.Jobs;

/// <summary>The jobs of one organization (key: organization id), for listing without scanning grains.</summary>
[Alias("batch.IJobIndexGrain")]
public interface IJobIndexGrain : IGrainWithStringKey
{
    /// <summary>Adds or updates a job's entry (jobs call it on create and on every status change).</summary>
    [Alias("Upsert")]
    Task UpsertAsync(JobIndexEntry entry);

    /// <summary>Removes a job's entry (the job was erased).</summary>
    [Alias("Remove")]
    Task RemoveAsync(string jobId);

    /// <summary>Tells <paramref name="watcher"/> of each new job for a few minutes, unless watched again (a renewal).</summary>
    [Alias("Watch")]
    Task WatchAsync(IJobListWatcher watcher);

    [Alias("Unwatch")]
    Task UnwatchAsync(IJobListWatcher watcher);

    /// <summary>A page of job ids, newest first, optionally of one status and with <paramref name="nameContains"/> in the name.</summary>
    [Alias("List")]
    Task<JobIndexPage> ListAsync(JobStatus? status, string? nameContains, int page, int pageSize);
}
