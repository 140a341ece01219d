using Orleans.Concurrency;

namespace BatchCalling.Jobs;

/// <summary>
/// Told of a job's changes (a gateway's feed of the job, one per job per gateway). Subscriptions lapse unless renewed, so a
/// gateway that died is forgotten, and a job that moved silos is found again by the next renewal.
/// </summary>
[Alias("batch.IJobWatcher")]
public interface IJobWatcher : IGrainObserver
{
    /// <summary>The job's figures changed, or it is gone. One-way: a slow or dead watcher never holds up the job.</summary>
    [Alias("JobChanged"), OneWay]
    Task JobChangedAsync(JobUpdate update);
}
