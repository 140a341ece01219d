using BatchCalling.Dialing;
using BatchCalling.Jobs;
using BatchCalling.Throttling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace BatchCalling.Contacts;

/// <summary>
/// Dials one contact. The call id is stored before the dialer is asked, so a repeated or recovered dial of the
/// same attempt never rings twice; the grain stays active only while a call is in progress. Its record is read only
/// when it may exist: a contact's first dial writes it without reading (one database round trip less per attempt).
/// </summary>
internal sealed class ContactGrain(
    [FromKeyedServices(BatchStorage.Name)] IGrainStorage storage,
    CallDialers dialers,
    IOptions<DispatchOptions> options,
    [FromKeyedServices(BatchClock.Key)] TimeProvider time) : Grain, IContactGrain
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    private const string StateName = ContactCalls.StateName;

    private GrainState<ContactState>? _state;
    private IGrainTimer? _overdue;
    private IGrainTimer? _reportRetry;

    private string JobId => this.GetPrimaryKeyString()[..this.GetPrimaryKeyString().LastIndexOf('/')];

    private int Index => int.Parse(this.GetPrimaryKeyString().AsSpan(JobId.Length + 1), System.Globalization.CultureInfo.InvariantCulture);

    private ContactState State => _state?.State ?? throw new InvalidOperationException("The contact record is not loaded.");

    private List<CallAttempt> Calls => State.Calls;

    private CallAttempt? InProgress => Calls.Find(c => c.Outcome is null);

    private ValueTask<ICallDialer> DialerAsync() => dialers.ForAsync(State.OrganizationId, State.PhoneNumberId);

    async Task<DialResult> IContactGrain.DialAsync(DialRequest request, CancellationToken cancellationToken)
    {
        if (request.FirstDial && !request.OutcomeOnly)
        {
            _state ??= new GrainState<ContactState>(new ContactState());
        }
        else
        {
            await LoadAsync();
        }

        // Kept with the next write: events and hang-ups, which come without a request, reach the same dialer and find their call.
        (State.OrganizationId, State.PhoneNumberId, State.To, State.From) = (request.OrganizationId, request.PhoneNumberId, request.Contact.Phone, request.FromNumber);
        if (Calls.Find(c => c.Attempt == request.Attempt) is { } placed)
        {
            return placed.Outcome is null ? await ReconcileAsync(placed, request) : Result(placed);
        }

        var call = new CallAttempt
        {
            CallId = ContactKey.CallId(JobId, Index, request.Attempt),
            Attempt = request.Attempt,
            StartedAt = time.GetUtcNow(),
        };
        Calls.Add(call);
        if (request.OutcomeOnly)
        {
            // Stored, so that this attempt's dial, should it still arrive, finds it ended and places nothing.
            await RecordAsync(call, new CallEnd(CallOutcome.NotPlaced, 0));
            return Result(call);
        }

        // The job may stop waiting; the write-ahead and the dial still complete, so the attempt stays accounted for.
        await WriteAsync();
        return await PlaceAsync(call, request);
    }

    async Task IContactGrain.CompleteCallAsync(string callId, CallEnd callEnd)
    {
        await LoadAsync();
        if (Calls.Find(c => c.CallId == callId) is { Outcome: null } call)
        {
            await RecordAsync(call, callEnd);
            await ReportAsync(call);
        }
    }

    async Task<CallEventVerdict> IContactGrain.ReceiveEventAsync(string callId, InboundCallEvent callEvent)
    {
        await LoadAsync();
        if (Calls.Find(c => c.CallId == callId) is not { } call)
        {
            DeactivateOnIdle();
            return CallEventVerdict.UnknownCall;
        }

        var reading = (await DialerAsync()).ReadEvent(callEvent);
        if (reading is { Verdict: CallEventVerdict.Accepted, End: { } end } && call.Outcome is null)
        {
            await RecordAsync(call, end);
            await ReportAsync(call);
        }

        return reading.Verdict;
    }

    /// <summary>Reads without loading the record into the activation, so an interleaved read never races a dial's write.</summary>
    async Task<IReadOnlyList<CallAttempt>> IContactGrain.GetCallsAsync()
    {
        if (_state is { State: { } loaded })
        {
            return [.. loaded.Calls];
        }

        var stored = new GrainState<ContactState>(new ContactState());
        await storage.ReadStateAsync(StateName, this.GetGrainId(), stored);
        return stored.State?.Calls ?? [];
    }

    /// <summary>Reads the record once per activation, and watches a call it shows in progress.</summary>
    private async Task LoadAsync()
    {
        if (_state is null)
        {
            var state = new GrainState<ContactState>(new ContactState());
            await storage.ReadStateAsync(StateName, this.GetGrainId(), state);
            _state = state;
            WatchOverdue();
        }
    }

    /// <summary>Writes the record; after a failed write it is read again, as storage may hold something else.</summary>
    private async Task WriteAsync()
    {
        try
        {
            await storage.WriteStateAsync(StateName, this.GetGrainId(), _state!);
        }
        catch
        {
            _state = null;
            throw;
        }
    }

    /// <summary>
    /// Asks the platform to place a stored attempt. Refused for now, the attempt is taken back (it never happened) and the
    /// job tries the contact again later; of unknown fate, the job asks again and the attempt is reconciled.
    /// </summary>
    private async Task<DialResult> PlaceAsync(CallAttempt call, DialRequest request)
    {
        var dialer = await DialerAsync();
        var placed = request.Paced
            ? await PlacePacedAsync(dialer, CallFor(call, request), request)
            : await dialer.PlaceCallAsync(CallFor(call, request), CancellationToken.None);

        switch (placed.Kind)
        {
            case PlaceResult.Kinds.Rejected:
                await RecordAsync(call, new CallEnd(CallOutcome.Failed, 0, placed.ErrorCode));
                return Result(call);
            case PlaceResult.Kinds.NotPlaced:
                Calls.Remove(call);
                await WriteAsync();
                return new DialResult(call.CallId, call.StartedAt, null, time.GetUtcNow() + placed.RetryAfter);
            default:
                (call.RoomName, call.ProviderCallId) = (placed.RoomName, placed.ProviderCallId);
                WatchOverdue();
                return Result(call) with { FateUnknown = placed.Kind == PlaceResult.Kinds.Unknown };
        }
    }

    /// <summary>
    /// A paced call starts at the time its throttle reserves for it, and says when its dial was answered, so the next start
    /// comes an interval after the platform had this one, however long each dial took. The slot was granted about a second
    /// ahead at most, so the wait is short.
    /// </summary>
    private async Task<PlaceResult> PlacePacedAsync(ICallDialer dialer, CallRequest call, DialRequest request)
    {
        var throttle = GrainFactory.GetGrain<IOrganizationThrottleGrain>(request.OrganizationId);
        var wait = await throttle.ReserveStartAsync(request.PhoneNumberId, request.NumberCallsPerSecond) - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time);
        }

        try
        {
            return await dialer.PlaceCallAsync(call, CancellationToken.None);
        }
        finally
        {
            await throttle.ConfirmStartAsync(request.PhoneNumberId, request.NumberCallsPerSecond);
        }
    }

    /// <summary>
    /// An attempt stored as placed but with no outcome, dialed again (its job recovered, our answer was lost, or the
    /// platform's answer was): the platform tells, by call id, whether it ever got the call, so the contact is never rung
    /// twice for it.
    /// </summary>
    private async Task<DialResult> ReconcileAsync(CallAttempt call, DialRequest request)
    {
        var status = await (await DialerAsync()).GetStatusAsync(Dialed(call), CancellationToken.None);
        if (!status.Placed)
        {
            if (!request.OutcomeOnly)
            {
                // Its time runs from this post, not from when the attempt was first stored: stamped, and stored as before any
                // post, so the check of an overdue call never hangs it up for the time it waited to be placed.
                call.StartedAt = time.GetUtcNow();
                await WriteAsync();
                _overdue?.Dispose();
                _overdue = null;
                return await PlaceAsync(call, request);
            }

            await RecordAsync(call, new CallEnd(CallOutcome.NotPlaced, 0));
        }
        else if (status.End is { } end)
        {
            await RecordAsync(call, end);
        }

        WatchOverdue();
        return Result(call);
    }

    private async Task RecordAsync(CallAttempt call, CallEnd end)
    {
        call.Outcome = end.Outcome;
        call.EndedAt = time.GetUtcNow();
        call.DurationSeconds = end.DurationSeconds;
        call.ErrorCode = end.ErrorCode;
        call.Results = end.Results;
        call.RoomName ??= end.Results?.RoomName;
        await WriteAsync();
        _overdue?.Dispose();
        _overdue = null;
    }

    /// <summary>Tells the job; while it cannot be reached, the contact stays active and tries again.</summary>
    private async Task ReportAsync(CallAttempt call)
    {
        try
        {
            await GrainFactory.GetGrain<IBatchJobGrain>(JobId).ReportAttemptAsync(Report(call));
            _reportRetry?.Dispose();
            _reportRetry = null;
            DeactivateOnIdle();
        }
        catch (Exception) when (_reportRetry is null)
        {
            _reportRetry = this.RegisterGrainTimer(() => ReportAsync(call),
                new GrainTimerCreationOptions(RetryDelay, RetryDelay) { KeepAlive = true });
        }
    }

    private CallRequest CallFor(CallAttempt call, DialRequest request) =>
        new(call.CallId, request.OrganizationId, JobId, call.Attempt, request.FromNumber, request.AgentId, request.Contact,
            request.MetadataJson, options.Value.MaxCallDuration);

    /// <summary>Arms, once, the check of a call in progress that is past its maximum duration and the grace for its final event.</summary>
    private void WatchOverdue()
    {
        if (InProgress is not { } call || _overdue is not null)
        {
            return;
        }

        var due = call.StartedAt + options.Value.CallEndDeadline - time.GetUtcNow();
        // Tried again until the call is recorded ended (which disposes the timer), should the platform not answer.
        _overdue = this.RegisterGrainTimer(() => EndOverdueAsync(call),
            new GrainTimerCreationOptions(due > TimeSpan.Zero ? due : TimeSpan.Zero, RetryDelay) { KeepAlive = true });
    }

    /// <summary>
    /// A call past its maximum duration with no final event: the platform is asked how it ended. Only when it cannot say is
    /// the call hung up, and recorded (as a timeout) once that succeeded, so its slot is never freed, nor the contact rung
    /// again, while the call may still be up.
    /// </summary>
    private async Task EndOverdueAsync(CallAttempt call)
    {
        var status = await StatusOrNullAsync(call);
        if (status?.End is { } end)
        {
            await ((IContactGrain)this).CompleteCallAsync(call.CallId, end);
        }
        else if (status is { Placed: false })
        {
            // Never placed (a dial of unknown fate that never arrived): nothing to end. Its job asks again, and the attempt
            // is posted then, or recorded not placed if the job has stopped.
            _overdue?.Dispose();
            _overdue = null;
        }
        else if (await (await DialerAsync()).HangUpAsync(Dialed(call), CancellationToken.None))
        {
            await ((IContactGrain)this).CompleteCallAsync(call.CallId, new CallEnd(CallOutcome.Timeout, (time.GetUtcNow() - call.StartedAt).TotalSeconds));
        }
    }

    /// <summary>What the platform says of the call; null when it cannot say (down, or answering nonsense).</summary>
    private async Task<CallStatus?> StatusOrNullAsync(CallAttempt call)
    {
        try
        {
            return await (await DialerAsync()).GetStatusAsync(Dialed(call), CancellationToken.None);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or OperationCanceledException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            return null;
        }
    }

    private DialedCall Dialed(CallAttempt call) => new(call.CallId, call.StartedAt, State.To, State.From, call.ProviderCallId);

    private DialResult Result(CallAttempt call) => new(call.CallId, call.StartedAt, call.Outcome is null ? null : Report(call));

    private AttemptReport Report(CallAttempt call) =>
        new(Index, call.Attempt, call.Outcome!.Value, call.EndedAt!.Value, call.DurationSeconds ?? 0);
}
