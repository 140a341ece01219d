using BatchCalling.Webhooks;

namespace BatchCalling.Jobs;

/// <summary>
/// A job's webhook events, put in the outbox before what they report is stored: the contacts its board made final before
/// the progress chunks that record them are written, a status before the job record that holds it. Should the job die
/// in between, it applies the same outcome or makes the same change again as it recovers and enqueues the same event (by
/// id: the outbox keeps one). Events that could not be enqueued stay pending and fail the write they had to precede,
/// which is tried again, so none is dropped. Nothing is read or written for events no endpoint of the organization wants.
/// </summary>
internal sealed class JobWebhooks(string jobId, IPersistentState<JobState> state, JobContactStore store, WebhookEnqueuer enqueuer, TimeProvider time)
{
    private readonly List<int> _finished = [];
    private readonly List<JobStatusChange> _changes = [];

    private JobState Job => state.State;

    /// <summary>The job's status is no longer <paramref name="previous"/> (null: the job is new); its counters are as they are now.</summary>
    public void StatusChanged(JobStatus? previous)
    {
        if (_changes.TrueForAll(c => c.Status != Job.Status))
        {
            _changes.Add(new JobStatusChange(jobId, Job.Status, previous, time.GetUtcNow(), Job.TotalContacts, Job.ContactsProcessed,
                Job.SuccessfulCalls, Job.FailedCalls, new Dictionary<string, int>(Job.StatusCounts)));
        }
    }

    /// <summary>
    /// Enqueues the contacts <paramref name="board"/> made final since it was last asked, then the status changes. Without a
    /// board, contacts left from a failed try wait for the next one that has it (the progress write they precede has it).
    /// </summary>
    public async Task PublishAsync(ContactBoard? board)
    {
        if (board is not null)
        {
            _finished.AddRange(board.TakeFinalized());
        }

        var contacts = board is not null && _finished.Count > 0;
        if (!contacts && _changes.Count == 0)
        {
            return;
        }

        var events = new List<WebhookEventData>();
        if (contacts && await enqueuer.AnyAsync(Job.OrganizationId, WebhookEventTypes.ContactFinished))
        {
            var inputs = await store.ReadInputsAsync(_finished);
            events.AddRange(_finished.Select(i => new FinishedContact(jobId, i, inputs[i], board![i], Job.MaxAttempts)));
        }

        events.AddRange(_changes);
        await enqueuer.EnqueueAsync(Job.OrganizationId, events, time.GetUtcNow());
        if (contacts)
        {
            _finished.Clear();
        }

        _changes.Clear();
    }
}
