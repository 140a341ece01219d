using BatchCalling.Dialing;
using BatchCalling.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace BatchCalling.Contacts;

/// <summary>
/// Dials one contact. The call id is stored before the dialer is asked, so a repeated or recovered dial of the
/// same attempt never rings twice; the grain stays active only while a call is in progress. Its record is read only
/// when it may exist: a contact's first dial writes it without reading (one database round trip less per attempt). How a
/// call is placed (and paced, and reconciled) and how an overdue one is ended each live in a part of their own.
/// </summary>
internal sealed partial class ContactGrain(
    [FromKeyedServices(BatchStorage.Name)] IGrainStorage storage,
    CallDialers dialers,
    IOptions<DispatchOptions> options,
    [FromKeyedServices(BatchClock.Key)] TimeProvider time,
    ILogger<ContactGrain> logger) : Grain, IContactGrain
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

    /// <summary>How long the contact's calls may last: its job's limit, within the deployment's.</summary>
    private TimeSpan CallLimit => options.Value.CallLimit(State.MaxCallDurationSeconds);

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
        (State.OrganizationId, State.PhoneNumberId, State.To, State.From, State.MaxCallDurationSeconds) =
            (request.OrganizationId, request.PhoneNumberId, request.Contact.Phone, request.FromNumber, request.MaxCallDurationSeconds);
        if (Calls.Find(c => c.Attempt == request.Attempt) is { } placed)
        {
            return placed.Outcome is null ? await ReconcileAsync(placed, request) : Result(placed);
        }

        var callId = ContactKey.CallId(JobId, Index, request.Attempt);
        if (!request.OutcomeOnly && await AdmitAsync(callId, request) is { } refused)
        {
            // No call to watch: the contact need not stay (a job of blocked contacts would keep thousands active).
            DeactivateOnIdle();
            return refused;
        }

        var call = new CallAttempt
        {
            CallId = callId,
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
        await WriteAdmittedAsync(request, callId);
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
        if (reading is { Verdict: CallEventVerdict.Accepted, OptOut: true })
        {
            await OptOutAsync();
        }

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

    private async Task RecordAsync(CallAttempt call, CallEnd end)
    {
        call.Outcome = end.Outcome;
        call.EndedAt = time.GetUtcNow();
        call.DurationSeconds = end.DurationSeconds;
        call.ErrorCode = end.ErrorCode;
        call.Results = end.Results;
        call.RoomName ??= end.Results?.RoomName;
        await WriteAsync();
        await ReleaseAsync(State.OrganizationId, State.To, call.CallId, placed: end.Outcome != CallOutcome.NotPlaced);
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

    private DialResult Result(CallAttempt call) => new(call.CallId, call.StartedAt, call.Outcome is null ? null : Report(call));

    private AttemptReport Report(CallAttempt call) =>
        new(Index, call.Attempt, call.Outcome!.Value, call.EndedAt!.Value, call.DurationSeconds ?? 0);
}
