using BatchCalling.Contacts;
using BatchCalling.Diagnostics;
using BatchCalling.Organizations;
using BatchCalling.Throttling;
using Microsoft.Extensions.Logging;

namespace BatchCalling.Jobs;

/// <summary>
/// Dials a job's contacts: asks the organization's throttle for slots in one message per round, hands the
/// contacts it may dial to their grains, and applies the outcomes they report. Runs inside the job grain's turns.
/// </summary>
internal sealed partial class JobDispatcher(
    string jobId,
    JobState job,
    ContactBoard board,
    JobContactStore store,
    IGrainFactory grains,
    TimeSpan renewEvery,
    BatchMetrics metrics,
    ILogger logger)
{
    /// <summary>
    /// How long a dial or a slot exchange may take. A grain on a silo that just died answers nothing until the cluster
    /// notices; the job gives up sooner (the dial is asked again, the exchange retried next beat) and stays responsive.
    /// </summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    private DispatchCheck? _check;
    private double? _numberCallsPerSecond;
    private int _callsCovered;
    private (int Holding, int Wanted)? _lastSent;
    private DateTimeOffset _lastSentAt = DateTimeOffset.MinValue;
    private DateTimeOffset? _shortSince;
    private bool _blockedInRound;

    public ContactBoard Board => board;

    /// <summary>
    /// The last round's dials ended some contacts without a call (blocked) while others wait: nothing will report to wake
    /// the job, so it dials again at once rather than a beat later.
    /// </summary>
    public bool DialAgainNow => _blockedInRound && board.ReadyCount > 0;

    /// <summary>
    /// True while the throttle may count slots for the job: calls in flight, or a holding not yet stated. A new dispatcher
    /// starts true, as an earlier activation may have held slots, so its first round states what it holds.
    /// </summary>
    public bool HoldsSlots { get; private set; } = true;

    /// <summary>
    /// What the organization's last passed check said: the caller number and agent to dial with, the organization's pacing
    /// and its recipient cap (each dial carries it to its number's range); with the number's pacing and how many calls the
    /// balance covers (calls on the line included).
    /// </summary>
    public void UseCheck(DispatchCheck check, double? numberCallsPerSecond, int callsCovered) =>
        (_check, _numberCallsPerSecond, _callsCovered) = (check, numberCallsPerSecond, callsCovered);

    private PhoneNumber? Caller => _check?.PhoneNumber;

    /// <summary>Whether this job's calls start at a pace: its number's, or its organization's.</summary>
    private bool Paced => _numberCallsPerSecond > 0 || _check?.OrganizationCallsPerSecond > 0;

    /// <summary>The throttle asked: the next round exchanges, even with nothing held or wanted, so the throttle hears it.</summary>
    public void ExchangeNextRound()
    {
        HoldsSlots = true;
        _lastSent = null;
    }

    /// <summary>
    /// One round: state what the job holds (releasing ended calls' slots) and ask for as many more as it can use, then
    /// ask again the contacts whose fate is unknown and dial what was granted. The holding is stated before anything is
    /// dialed, so the throttle counts a recovered job's calls before it could place any. When the ceiling gave fewer
    /// than wanted, the throttle wakes the job once slots free up.
    /// </summary>
    public async Task RunRoundAsync(bool dialing, DateTimeOffset now)
    {
        _blockedInRound = false;
        board.Advance(now);
        // No call starts without cover: calls on the line are counted at the price of an assumed call until they are charged.
        var wanted = dialing && Caller is not null
            ? Math.Min(Math.Max(0, Math.Min(job.ConcurrentCallLimit, _callsCovered) - board.InFlight), board.ReadyCount)
            : 0;
        if (wanted == 0 && board.InFlight == 0 && !HoldsSlots)
        {
            return;
        }

        // A beat that would only repeat what the throttle heard less than a beat ago sends nothing: a job's calls ending
        // already renew its lease, so messages grow with calls, not with beats.
        var grant = _lastSent == (board.InFlight, wanted) && now - _lastSentAt < renewEvery ? new SlotGrant(0, default) : await ExchangeAsync(wanted, now);
        HoldsSlots = board.InFlight + grant.Granted > 0;
        // A stopped job only asks for outcomes, which needs no caller; a running one may have to place the call.
        if ((board.IsStopped || Caller is not null) && board.TakeReconcile() is { Count: > 0 } unknown)
        {
            await DialAsync(unknown);
        }

        var batch = board.Take(grant.Granted);
        if (batch.Count > 0)
        {
            try
            {
                await store.WriteInFlightAsync(board);
            }
            catch
            {
                batch.ForEach(board.Undo);
                throw;
            }

            await DialAsync(batch);
        }
    }

    /// <summary>Applies an attempt's outcome once, and with it what the call cost; false when it was already applied.</summary>
    public bool Apply(AttemptReport report)
    {
        if (!board.Apply(report))
        {
            return false;
        }

        BookCost();
        metrics.AttemptEnded(report.Outcome);
        return true;
    }

    /// <summary>
    /// The job's cost is what its board's calls cost: read from the board (also when loaded, so a job record written ahead
    /// of or behind its progress never counts a call twice or not at all), not added up beside it.
    /// </summary>
    public void BookCost() =>
        job.ActualCost = job.CostBeforeBoard + JobEstimator.CostOf(board.ConnectedMilliseconds, job.AgentArchitecture);

    /// <summary>Gives back every slot the job holds but calls in flight (it stops for good).</summary>
    public async Task ReleaseAsync(DateTimeOffset now)
    {
        await ExchangeAsync(0, now);
        HoldsSlots = board.InFlight > 0;
    }

    /// <summary>
    /// One exchange, stamped later than any before it (a late copy of an earlier one, delivered after it, changes nothing).
    /// </summary>
    private async Task<SlotGrant> ExchangeAsync(int wanted, DateTimeOffset now)
    {
        _lastSentAt = now > _lastSentAt ? now : _lastSentAt.AddTicks(1);
        var request = new SlotRequest(jobId, board.InFlight, wanted, job.ConcurrentCallLimit, _lastSentAt, job.FromPhoneNumberId, _numberCallsPerSecond);
        using var timeout = new CancellationTokenSource(CallTimeout);
        var grant = await grains.GetGrain<IOrganizationThrottleGrain>(job.OrganizationId).ExchangeAsync(request, timeout.Token);
        // What the throttle holds for the job once this grant is taken.
        _lastSent = (request.Holding + grant.Granted, request.Wanted - grant.Granted);
        NoteSlotWait(wanted, grant.Granted, now);
        return grant;
    }

    /// <summary>
    /// A job granted fewer slots than it asked for waits from then until its next grant, which ends the wait (and starts
    /// another if still short); asking for none ends it unrecorded, as nothing was waited for.
    /// </summary>
    private void NoteSlotWait(int wanted, int granted, DateTimeOffset now)
    {
        if (granted > 0 || wanted == 0)
        {
            if (granted > 0 && _shortSince is { } since)
            {
                metrics.SlotWaited(now - since);
            }

            _shortSince = granted < wanted ? now : null;
        }
        else
        {
            _shortSince ??= now;
        }
    }

    private async Task DialAsync(List<ContactDispatch> batch)
    {
        var inputs = await store.ReadInputsAsync(batch.Select(d => d.Index));
        await Task.WhenAll(batch.Select(d => DialOneAsync(d, inputs[d.Index])));
    }

    private async Task DialOneAsync(ContactDispatch dispatch, ContactInput contact)
    {
        try
        {
            var request = new DialRequest(job.OrganizationId, dispatch.Attempt, Caller?.Number ?? "", Caller?.OutboundAgentId ?? "", contact,
                dispatch.IsFirstDial, OutcomeOnly: board.IsStopped, PhoneNumberId: job.FromPhoneNumberId, MetadataJson: job.MetadataJson,
                Paced: Paced, NumberCallsPerSecond: _numberCallsPerSecond, MaxCallDurationSeconds: job.MaxCallDurationSeconds,
                RecipientCap: _check?.RecipientCap);
            using var timeout = new CancellationTokenSource(CallTimeout);
            var result = await grains.GetGrain<IContactGrain>(ContactKey.For(jobId, dispatch.Index)).DialAsync(request, timeout.Token);
            if (result.Ended is { } ended)
            {
                Apply(ended);
            }
            else if (result.Blocked is { } reason)
            {
                board.EndBlocked(dispatch, reason);
                _blockedInRound = true;
            }
            else if (result.DeferredUntil is { } deferred)
            {
                board.Defer(dispatch, deferred, result.WaitReason);
            }
            else
            {
                board.MarkPlaced(dispatch.Index, dispatch.Attempt, result.StartedAt);
                if (result.FateUnknown)
                {
                    board.AskAgain(dispatch);
                }
            }
        }
        catch (Exception ex)
        {
            LogDialFailed(ex, jobId, dispatch.Index, dispatch.Attempt);
            board.AskAgain(dispatch);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dial of contact {Index} attempt {Attempt} of job {JobId} failed; the contact will be asked again")]
    private partial void LogDialFailed(Exception ex, string jobId, int index, int attempt);
}
