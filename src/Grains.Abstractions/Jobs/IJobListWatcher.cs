using Orleans.Concurrency;

namespace BatchCalling.Jobs;

/// <summary>Told of an organization's new jobs (a gateway's feed of its job list); leased like <see cref="IJobWatcher"/>.</summary>
[Alias("batch.IJobListWatcher")]
public interface IJobListWatcher : IGrainObserver
{
    /// <summary>A job was created. One-way: a slow or dead watcher never holds up the list.</summary>
    [Alias("JobListed"), OneWay]
    Task JobListedAsync(string jobId);
}
