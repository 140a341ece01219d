using BatchCalling.Contacts;
using BatchCalling.Windows;

namespace BatchCalling.Jobs;

/// <summary>
/// A job's view of all its contacts: what is ready to dial, what waits for a retry, what is in flight,
/// and the counts by status. Plain logic, no I/O; the job persists the chunks it marks dirty.
/// </summary>
public sealed partial class ContactBoard
{
    public const int ChunkSize = 1000;

    private readonly ContactProgress[] _contacts;
    private readonly RetryPolicy _retryPolicy;
    private readonly TimeSpan _retryDelay;
    private readonly TimeSpan _reaskAfter;
    private readonly Queue<int> _fresh = new();
    private readonly Queue<int> _ready = new();
    // Contacts in flight to ask again, each once however many reasons there are (a failed dial, a reload, no outcome).
    private readonly HashSet<int> _reconcile = [];
    private readonly PriorityQueue<int, DateTimeOffset> _waiting = new();
    private readonly PriorityQueue<(int Index, int Attempt), DateTimeOffset> _reaskAt = new();
    private readonly int[] _counts = new int[Enum.GetValues<ContactStatus>().Length];
    private readonly HashSet<int> _dirtyChunks = [];
    private readonly HashSet<int> _inFlight = [];
    private readonly List<int> _finalized = [];
    private DateTimeOffset _now = DateTimeOffset.MinValue;
    private bool _cancelsRetries;
    private EndReason? _stopReason;

    /// <param name="reaskAfter">
    /// How long a dialed contact may go without an outcome before it is asked again: longer than any call lasts, so only
    /// an outcome lost with a silo is looked for (the contact or the dialer answers with it by call id).
    /// </param>
    /// <param name="windows">Each contact's calling window; none: any time.</param>
    public ContactBoard(ContactProgress[] contacts, RetryPolicy retryPolicy, TimeSpan retryDelay, TimeSpan reaskAfter, ContactWindows? windows = null)
    {
        _contacts = contacts;
        _windows = windows;
        _retryPolicy = retryPolicy;
        _retryDelay = retryDelay;
        _reaskAfter = reaskAfter;
        for (var i = 0; i < contacts.Length; i++)
        {
            ref var c = ref contacts[i];
            _counts[(int)c.Status]++;
            ConnectedMilliseconds += c.ConnectedMilliseconds;
            if (c.IsFinal)
            {
                FinalCount++;
            }
            else if (c.IsInFlight)
            {
                _inFlight.Add(i);
                // In flight when the job last stopped: dial the same attempt again; the contact grain
                // answers with the call it already placed instead of dialing twice.
                _reconcile.Add(i);
            }
            else if (c.NextAttemptAt is { } due)
            {
                _waiting.Enqueue(i, due);
            }
            else
            {
                _fresh.Enqueue(i);
            }
        }
    }

    public int Total => _contacts.Length;

    public int FinalCount { get; private set; }

    /// <summary>How long all calls that connected lasted: what the job costs, kept beside the outcomes that make it.</summary>
    public long ConnectedMilliseconds { get; private set; }

    public int InFlight => Count(ContactStatus.Queued) + Count(ContactStatus.Dialing);

    public int Successful => Count(ContactStatus.Completed);

    public int Failed => FinalCount - Successful - Count(ContactStatus.Cancelled);

    public bool IsFinished => FinalCount == Total;

    /// <summary>True once the job dials no more: contacts in flight are only asked for their outcome, never placed.</summary>
    public bool IsStopped { get; private set; }

    public int ReadyCount => _ready.Count + _fresh.Count;

    /// <summary>True when some chunk changed since it was last taken.</summary>
    public bool HasChanges => _dirtyChunks.Count > 0;

    /// <summary>The earliest time a waiting retry becomes due, if any.</summary>
    public DateTimeOffset? NextRetryAt => _waiting.TryPeek(out _, out var due) ? due : null;

    public ContactProgress this[int index] => _contacts[index];

    public int Count(ContactStatus status) => _counts[(int)status];

    public IReadOnlyDictionary<string, int> CountsByStatus(Func<ContactStatus, string> name) =>
        Enum.GetValues<ContactStatus>().Where(s => Count(s) > 0).ToDictionary(name, Count);

    public int[] CountsSnapshot() => (int[])_counts.Clone();

    /// <summary>
    /// Starts a round at <paramref name="now"/>: moves retries whose time has come to the ready queue, and contacts in
    /// flight for too long without an outcome to those asked again.
    /// </summary>
    public void Advance(DateTimeOffset now)
    {
        _now = now;
        HoldClosedWindows();
        while (!IsStopped && _waiting.TryPeek(out var index, out var due) && due <= now)
        {
            _waiting.Dequeue();
            if (!WaitsForWindow(index))
            {
                _ready.Enqueue(index);
            }
        }

        while (_reaskAt.TryPeek(out var dial, out var due) && due <= now)
        {
            _reaskAt.Dequeue();
            var c = _contacts[dial.Index];
            if (c.IsInFlight && c.Attempts == dial.Attempt)
            {
                _reconcile.Add(dial.Index);
            }
        }
    }

    /// <summary>Takes up to <paramref name="max"/> contacts to dial, retries first, and marks them queued.</summary>
    public List<ContactDispatch> Take(int max)
    {
        var taken = new List<ContactDispatch>(Math.Min(max, ReadyCount));
        while (!IsStopped && taken.Count < max && (_ready.TryDequeue(out var index) || _fresh.TryDequeue(out index)))
        {
            var c = _contacts[index];
            Update(index, c with { Status = ContactStatus.Queued, Attempts = c.Attempts + 1, NextAttemptAt = null, WaitReason = null });
            taken.Add(new ContactDispatch(index, c.Attempts + 1, c));
            _reaskAt.Enqueue((index, c.Attempts + 1), _now + _reaskAfter);
        }

        return taken;
    }

    /// <summary>
    /// Takes the contacts in flight whose fate is unknown (in flight when the board was loaded, a dial that failed, no
    /// outcome for too long): their attempt is asked for again (the contact grain never dials an attempt twice). They
    /// already count as holding a slot.
    /// </summary>
    public List<ContactDispatch> TakeReconcile()
    {
        var taken = new List<ContactDispatch>(_reconcile.Count);
        foreach (var index in _reconcile)
        {
            var c = _contacts[index];
            if (c.IsInFlight)
            {
                taken.Add(new ContactDispatch(index, c.Attempts, c));
                _reaskAt.Enqueue((index, c.Attempts), _now + _reaskAfter);
            }
        }

        _reconcile.Clear();

        return taken;
    }

    /// <summary>The dialer accepted the call.</summary>
    public void MarkPlaced(int index, int attempt, DateTimeOffset startedAt)
    {
        var c = _contacts[index];
        if (c.IsInFlight && c.Attempts == attempt)
        {
            Update(index, c with { Status = ContactStatus.Dialing, LastAttemptAt = startedAt });
        }
    }

    /// <summary>
    /// A dial failed with its fate unknown: the call may be out there. The contact keeps its slot and the same attempt
    /// is asked for again; the contact grain answers with the call it placed, or places it if it never did.
    /// </summary>
    public void AskAgain(ContactDispatch dispatch)
    {
        var c = _contacts[dispatch.Index];
        if (c.IsInFlight && c.Attempts == dispatch.Attempt)
        {
            _reconcile.Add(dispatch.Index);
        }
    }

    /// <summary>A dial that surely did not happen (nothing was sent): the contact goes back to where it was.</summary>
    public void Undo(ContactDispatch dispatch)
    {
        var c = _contacts[dispatch.Index];
        if (c.Status != ContactStatus.Queued || c.Attempts != dispatch.Attempt)
        {
            return;
        }

        Update(dispatch.Index, dispatch.Previous);
        if (!IsStopped)
        {
            _ready.Enqueue(dispatch.Index);
        }
    }

    /// <summary>
    /// The platform did not place the call and asks to be tried again at <paramref name="until"/> (or our own rule did, for
    /// <paramref name="reason"/>): the attempt never happened, so the contact waits with the attempts it had, holding no slot.
    /// </summary>
    public void Defer(ContactDispatch dispatch, DateTimeOffset until, WaitReason? reason = null)
    {
        var c = _contacts[dispatch.Index];
        if (!c.IsInFlight || c.Attempts != dispatch.Attempt)
        {
            return;
        }

        if (IsStopped)
        {
            // Stopped meanwhile: like a contact the stop found waiting, it is never called.
            Update(dispatch.Index, c with { Status = ContactStatus.Cancelled, Attempts = c.Attempts - 1, NextAttemptAt = null, EndReason = c.EndReason ?? _stopReason });
            return;
        }

        Update(dispatch.Index, c with
        {
            Status = c.LastOutcome is { } last ? ContactOutcomes.ToStatus(last) : ContactStatus.Pending,
            Attempts = c.Attempts - 1,
            NextAttemptAt = until,
            WaitReason = reason,
        });
        _waiting.Enqueue(dispatch.Index, until);
    }

    /// <summary>
    /// The contact may never be called (<paramref name="reason"/>, such as the do-not-call list): its dial placed nothing, so it
    /// ends blocked with the attempts it had.
    /// </summary>
    public void EndBlocked(ContactDispatch dispatch, EndReason reason)
    {
        var c = _contacts[dispatch.Index];
        if (c.IsInFlight && c.Attempts == dispatch.Attempt)
        {
            Update(dispatch.Index, c with
            {
                Status = ContactStatus.Blocked, Attempts = c.Attempts - 1, NextAttemptAt = null, CompletedAt = _now, WaitReason = null, EndReason = reason,
            });
        }
    }

    /// <summary>Applies an attempt's outcome; false when it is stale or already applied.</summary>
    public bool Apply(AttemptReport report)
    {
        var c = _contacts[report.Index];
        if (!c.IsInFlight || c.Attempts != report.Attempt)
        {
            return false;
        }

        var retryable = _retryPolicy.Retries(report.Outcome) && report.Attempt < _retryPolicy.MaxAttempts;
        var retry = retryable && !IsStopped && c.EndReason is null;
        // Cancelled (alone, or with its job) or expired while on the line: an outcome that would have been retried ends the
        // contact cancelled; a final one stands.
        var cancelled = retryable && (c.EndReason is not null || _cancelsRetries);
        var (next, waitReason) = retry ? RetryAt(report.Index, report.EndedAt + _retryDelay) : (null, null);
        Update(report.Index, c with
        {
            Status = cancelled ? ContactStatus.Cancelled : ContactOutcomes.ToStatus(report.Outcome),
            EndReason = cancelled ? c.EndReason ?? _stopReason : null,
            LastOutcome = report.Outcome,
            LastAttemptAt = c.LastAttemptAt ?? report.EndedAt,
            NextAttemptAt = next,
            WaitReason = waitReason,
            CompletedAt = retry ? null : report.EndedAt,
            LastCallSeconds = report.DurationSeconds,
            ConnectedMilliseconds = c.ConnectedMilliseconds + (ContactOutcomes.IsConnected(report.Outcome) ? (int)Math.Round(report.DurationSeconds * 1000) : 0),
        });
        if (next is { } due)
        {
            _waiting.Enqueue(report.Index, due);
        }

        return true;
    }

    /// <summary>
    /// Stops, and cancels every contact that is neither final nor in flight; returns how many. A contact in flight may be on
    /// a call (its dial's fate may be unknown): it keeps its slot until its outcome is known, and ends cancelled if that
    /// outcome would have been retried. <paramref name="reason"/> says why, when the job's cancel did not (its <c>endAt</c>).
    /// </summary>
    public int CancelRemaining(EndReason? reason = null)
    {
        Stop(cancelsRetries: true, reason);
        var cancelled = 0;
        for (var i = 0; i < _contacts.Length; i++)
        {
            var c = _contacts[i];
            if (!c.IsFinal && !c.IsInFlight)
            {
                Update(i, c with { Status = ContactStatus.Cancelled, NextAttemptAt = null, WaitReason = null, EndReason = reason });
                cancelled++;
            }
        }

        return cancelled;
    }

    /// <summary>
    /// Cancels one contact that is not final: at once when it waits, else once its call ends (an outcome that would have
    /// been retried then ends it cancelled, a final one stands). False when it is final already.
    /// </summary>
    public bool CancelOne(int index)
    {
        var c = _contacts[index];
        if (c.IsFinal)
        {
            return false;
        }

        if (c.IsInFlight)
        {
            Update(index, c with { EndReason = EndReason.ContactCancelled });
            return true;
        }

        Update(index, c with { Status = ContactStatus.Cancelled, NextAttemptAt = null, WaitReason = null, EndReason = EndReason.ContactCancelled });
        // Out of the queues at once, so that what the job asks slots for stays exact.
        Drop(_fresh, index);
        Drop(_ready, index);
        _waiting.Remove(index, out _, out _);
        return true;
    }

    /// <summary>
    /// Stops all further dialing; contacts keep their status, calls in progress still report, and contacts in flight are
    /// still asked for their outcome.
    /// </summary>
    /// <param name="cancelsRetries">The job was cancelled (or expired): a call ending later is not retried but cancelled.</param>
    /// <param name="reason">Why, when not the job's cancel.</param>
    public void Stop(bool cancelsRetries = false, EndReason? reason = null)
    {
        IsStopped = true;
        _cancelsRetries |= cancelsRetries;
        _stopReason ??= reason;
        _fresh.Clear();
        _ready.Clear();
        _waiting.Clear();
    }

    /// <summary>The contacts that may be on a call right now, with their attempt numbers.</summary>
    public InFlightRecord InFlightRecord() =>
        new() { Indices = [.. _inFlight], Attempts = [.. _inFlight.Select(i => _contacts[i].Attempts)] };

    /// <summary>Chunks changed since the last call, with their contents.</summary>
    public IEnumerable<(int Chunk, ContactProgress[] Contacts)> TakeDirtyChunks()
    {
        var chunks = _dirtyChunks.Order().ToList();
        _dirtyChunks.Clear();
        return chunks.Select(k => (k, _contacts.AsSpan(k * ChunkSize, Math.Min(ChunkSize, Total - k * ChunkSize)).ToArray()));
    }

    /// <summary>The contacts that became final since the last call, in the order they did.</summary>
    public List<int> TakeFinalized()
    {
        var taken = new List<int>(_finalized);
        _finalized.Clear();
        return taken;
    }

    /// <summary>Marks a chunk to be written again (its last write failed).</summary>
    public void MarkDirty(int chunk) => _dirtyChunks.Add(chunk);

    private static void Drop(Queue<int> queue, int index)
    {
        var kept = queue.Where(i => i != index).ToList();
        if (kept.Count != queue.Count)
        {
            queue.Clear();
            kept.ForEach(queue.Enqueue);
        }
    }

    private void Update(int index, ContactProgress next)
    {
        ref var c = ref _contacts[index];
        var wasFinal = c.IsFinal;
        if (wasFinal)
        {
            FinalCount--;
        }

        _counts[(int)c.Status]--;
        ConnectedMilliseconds += next.ConnectedMilliseconds - c.ConnectedMilliseconds;
        c = next;
        _counts[(int)c.Status]++;
        if (c.IsInFlight)
        {
            _inFlight.Add(index);
        }
        else
        {
            _inFlight.Remove(index);
        }

        if (c.IsFinal)
        {
            FinalCount++;
            if (!wasFinal)
            {
                _finalized.Add(index);
            }
        }

        _dirtyChunks.Add(index / ChunkSize);
    }
}
