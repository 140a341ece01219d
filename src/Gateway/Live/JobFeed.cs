using BatchCalling.Jobs;

namespace BatchCalling.Gateway.Live;

/// <summary>One job's figures for every event stream of this gateway that shows it (<see cref="Feed"/>).</summary>
internal sealed class JobFeed : Feed, IJobWatcher
{
    private readonly string _organizationId;
    private readonly string _jobId;
    private readonly IGrainFactory _grains;
    private readonly JobEvents _events;
    private readonly IJobWatcher _reference;

    public JobFeed(string organizationId, string jobId, IGrainFactory grains, JobEvents events, ILogger logger)
        : base(logger)
    {
        (_organizationId, _jobId, _grains, _events) = (organizationId, jobId, grains, events);
        _reference = grains.CreateObjectReference<IJobWatcher>(this);
    }

    protected override string Name => "job " + _jobId;

    private IBatchJobGrain Job => _grains.GetGrain<IBatchJobGrain>(_jobId);

    Task IJobWatcher.JobChangedAsync(JobUpdate update)
    {
        Tell(update);
        return Task.CompletedTask;
    }

    protected override async Task<bool> WatchAsync(CancellationToken cancellationToken)
    {
        var update = await Job.WatchAsync(_organizationId, _reference).WaitAsync(cancellationToken);
        Tell(update);
        return !update.IsGone;
    }

    protected override async Task UnwatchAsync()
    {
        try
        {
            await Job.UnwatchAsync(_reference);
        }
        finally
        {
            _grains.DeleteObjectReference<IJobWatcher>(_reference);
        }
    }

    // Serialized once for every stream.
    private void Tell(JobUpdate update) => Tell(_jobId, _events.Of(update), latest: true);
}
