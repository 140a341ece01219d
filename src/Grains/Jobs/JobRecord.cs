using BatchCalling.Contacts;
using Microsoft.Extensions.Logging;

namespace BatchCalling.Jobs;

/// <summary>
/// Writes what a job is: its record, its progress (the chunks that changed, at most once a heartbeat unless forced), and
/// its status to the organization's job list, each after the webhook events they record are enqueued
/// (<see cref="JobWebhooks"/>). A failed record write drops the activation, so memory never runs ahead of storage; a job
/// list that could not be told is told again by a later beat.
/// </summary>
/// <param name="storedStatus">The status in storage when the activation began (null: no record yet).</param>
internal sealed partial class JobRecord(
    string jobId,
    IPersistentState<JobState> state,
    JobContactStore store,
    JobWebhooks webhooks,
    JobStatus? storedStatus,
    IGrainFactory grains,
    Action deactivate,
    Action indexBehind,
    ILogger logger)
{
    private JobStatus? _indexedStatus;
    private JobStatus? _storedStatus = storedStatus;
    private DateTimeOffset _lastFlush = DateTimeOffset.MinValue;

    private JobState Job => state.State;

    public async Task SaveAsync()
    {
        try
        {
            if (Job.Status != _storedStatus)
            {
                webhooks.StatusChanged(_storedStatus);
            }

            await webhooks.PublishAsync(null);
            await state.WriteStateAsync();
            _storedStatus = Job.Status;
        }
        catch
        {
            deactivate();
            throw;
        }

        try
        {
            await SyncIndexAsync();
        }
        catch (Exception ex)
        {
            // The job's own record is stored; the list catches up on a later beat, which runs until it has.
            LogIndexBehind(ex, jobId);
            indexBehind();
        }
    }

    /// <summary>Writes changed progress chunks and the counters in the job record, at most once per <paramref name="interval"/> unless forced.</summary>
    public async Task FlushAsync(ContactBoard? board, DateTimeOffset now, TimeSpan interval, bool force)
    {
        // Every round, written or not: a contact's event waits for nothing but its own round.
        await webhooks.PublishAsync(board);
        if (board is null || (!force && (!board.HasChanges || now - _lastFlush < interval)))
        {
            return;
        }

        Job.ContactsProcessed = board.FinalCount;
        Job.SuccessfulCalls = board.Successful;
        Job.FailedCalls = board.Failed;
        Job.StatusCounts = new Dictionary<string, int>(board.CountsByStatus(WireNames.Of));
        await store.SaveProgressAsync(board);
        await SaveAsync();
        _lastFlush = now;
    }

    /// <summary>Tells the organization's job index the job's status, when it has not been told yet.</summary>
    public async Task SyncIndexAsync()
    {
        if (_indexedStatus != Job.Status)
        {
            await grains.GetGrain<IJobIndexGrain>(Job.OrganizationId).UpsertAsync(new JobIndexEntry(jobId, Job.CreatedAt, Job.Status, Job.Name));
            _indexedStatus = Job.Status;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} is stored, but the job list could not be told its status yet")]
    private partial void LogIndexBehind(Exception ex, string jobId);
}
