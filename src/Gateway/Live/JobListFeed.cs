using BatchCalling.Jobs;

namespace BatchCalling.Gateway.Live;

/// <summary>An organization's new jobs, for every event stream of this gateway that asked for them (<see cref="Feed"/>).</summary>
internal sealed class JobListFeed : Feed, IJobListWatcher
{
    private readonly string _organizationId;
    private readonly IGrainFactory _grains;
    private readonly JobEvents _events;
    private readonly IJobListWatcher _reference;

    public JobListFeed(string organizationId, IGrainFactory grains, JobEvents events, ILogger logger)
        : base(logger)
    {
        (_organizationId, _grains, _events) = (organizationId, grains, events);
        _reference = grains.CreateObjectReference<IJobListWatcher>(this);
    }

    protected override string Name => "the jobs of " + _organizationId;

    private IJobIndexGrain Index => _grains.GetGrain<IJobIndexGrain>(_organizationId);

    Task IJobListWatcher.JobListedAsync(string jobId)
    {
        // Keyed apart from the job's own figures, so a stream showing that job keeps both.
        Tell("listed " + jobId, _events.NewJob(jobId), latest: false);
        return Task.CompletedTask;
    }

    protected override async Task<bool> WatchAsync(CancellationToken cancellationToken)
    {
        await Index.WatchAsync(_reference).WaitAsync(cancellationToken);
        return true;
    }

    protected override async Task UnwatchAsync()
    {
        try
        {
            await Index.UnwatchAsync(_reference);
        }
        finally
        {
            _grains.DeleteObjectReference<IJobListWatcher>(_reference);
        }
    }
}
