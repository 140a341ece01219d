using BatchCalling.Contacts;
using BatchCalling.Organizations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace BatchCalling.Jobs;

/// <summary>
/// One batch job: its state machine, a durable reminder for the scheduled start (which stays registered while
/// the job runs, so a job whose silo died is woken again), and a heartbeat timer that drives dispatch.
/// </summary>
internal sealed partial class BatchJobGrain(
    [PersistentState("job", BatchStorage.Name)] IPersistentState<JobState> state,
    [FromKeyedServices(BatchStorage.Name)] IGrainStorage storage,
    [FromKeyedServices(BatchClock.Key)] TimeProvider time,
    IOptions<DispatchOptions> options,
    ILogger<BatchJobGrain> logger) : Grain, IBatchJobGrain, IRemindable
{
    private const string ReminderName = "job";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan StartTimerWindow = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan IdempotencyWindow = TimeSpan.FromHours(24);

    /// <summary>A call's outcome reaches the job within this of its hang-up at the maximum duration, unless it was lost.</summary>
    private static readonly TimeSpan ReaskGrace = TimeSpan.FromMinutes(1);

    private JobDispatcher? _dispatcher;
    private Task<JobDispatcher>? _loading;
    private IGrainTimer? _heartbeat;
    private IGrainTimer? _startTimer;
    private DateTimeOffset _lastCheck = DateTimeOffset.MinValue;

    private JobState Job => state.State;

    private string JobId => this.GetPrimaryKeyString();

    private DateTimeOffset Now => time.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Job.MoveToRunningTotals();
        if (Job.Status == JobStatus.Running || (JobStateMachine.IsTerminal(Job.Status) && !Job.BillingClosed))
        {
            // A job that stopped with calls on the line (its silo died since) still has outcomes to collect and bill.
            await RunAsync();
        }
        else if (Job.Status == JobStatus.Scheduled)
        {
            ArmStartTimer();
        }

        if (state.RecordExists && Job.Status != JobStatus.Running)
        {
            // A silo may have died between storing a status and telling the job list: the list learns it again now.
            this.RegisterGrainTimer(SyncIndexAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        }
    }

    async Task<CreateJobResult> IBatchJobGrain.CreateAsync(string organizationId, CreateJobCommand command)
    {
        if (state.RecordExists)
        {
            return Repeat(organizationId, command);
        }

        var organization = await GrainFactory.GetGrain<IOrganizationGrain>(organizationId).GetAsync();
        var caller = organization?.PhoneNumbers.FirstOrDefault(p => p.Id == command.FromPhoneNumberId);
        if (organization is null || caller is null)
        {
            return CreateJobResult.Failure(ErrorCodes.PhoneNumberNotFound);
        }

        if (string.IsNullOrEmpty(caller.OutboundAgentId))
        {
            return CreateJobResult.Failure(ErrorCodes.NoOutboundAgent);
        }

        var cost = JobEstimator.EstimateCost(command.Contacts.Count, caller.AgentArchitecture);
        if (cost > organization.Credits)
        {
            return CreateJobResult.Failure(ErrorCodes.InsufficientCredits);
        }

        if (command.ScheduledStartTime <= Now)
        {
            return CreateJobResult.Failure(ErrorCodes.PastScheduledTime);
        }

        var job = JobState.Create(organizationId, command, organization, caller, cost, Now);
        var created = new CreateJobResult(null, job.Status, job.TotalContacts, cost,
            JobEstimator.EstimateDuration(job.TotalContacts, job.ConcurrentCallLimit, organization.ConcurrencyLimit),
            job.ScheduledStartTime);
        if (command.DryRun)
        {
            return created;
        }

        // Kept only for a keyed create, whose repeats get this answer again; the job itself may have moved on since.
        job.Created = command.IdempotencyFingerprint is null ? null : created;
        state.State = job;
        await Store().WriteInputsAsync(command.Contacts);
        if (command.ScheduledStartTime is { } startAt)
        {
            await ScheduleAsync(startAt);
        }
        else
        {
            await SaveAsync();
        }

        if (Job.Status == JobStatus.Pending && command.AutoStart)
        {
            await StartNowAsync();
        }

        return created;
    }

    /// <summary>
    /// A create for a job that exists: under the same idempotency key and request within a day, the first answer again
    /// (the first create may still have been running: this turn came after it); with another request, a conflict.
    /// </summary>
    private CreateJobResult Repeat(string organizationId, CreateJobCommand command) =>
        command.IdempotencyFingerprint is not { } fingerprint || Job.IdempotencyFingerprint is null || Job.OrganizationId != organizationId
            ? CreateJobResult.Failure(ErrorCodes.JobExists)
            : Now - Job.CreatedAt > IdempotencyWindow ? CreateJobResult.Failure(ErrorCodes.IdempotencyKeyExpired)
            : fingerprint != Job.IdempotencyFingerprint ? CreateJobResult.Failure(ErrorCodes.IdempotencyConflict)
            : Job.Created!;

        Task<JobSummary?> IBatchJobGrain.GetSummaryAsync(string organizationId) =>
        Task.FromResult(Owns(organizationId) ? JobViews.Summary(JobId, Job, _dispatcher?.Board) : null);

    async Task<JobDetail?> IBatchJobGrain.GetDetailAsync(string organizationId, ContactQuery contacts) =>
        Owns(organizationId)
            ? JobViews.Detail(JobId, Job, _dispatcher?.Board, await ContactPageAsync(contacts, withCalls: false), Now)
            : null;

    async Task<ContactPage?> IBatchJobGrain.GetContactsAsync(string organizationId, ContactQuery query) =>
        Owns(organizationId) ? await ContactPageAsync(query, withCalls: true) : null;

    /// <summary>
    /// One page of contacts in upload order: progress from the board, uploads from the input chunks the page falls in,
    /// and, only when asked, every call from the contacts' own grains.
    /// </summary>
    private async Task<ContactPage> ContactPageAsync(ContactQuery query, bool withCalls)
    {
        var board = await BoardAsync();
        var matching = Enumerable.Range(0, board.Total);
        if (query.Status is { } status)
        {
            matching = matching.Where(i => board[i].Status == status);
        }

        var total = query.Status is { } counted ? board.Count(counted) : board.Total;
        var indices = matching.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToList();
        var inputs = await Store().ReadInputsAsync(indices);
        var calls = await Task.WhenAll(indices.Select(i => !withCalls || board[i].Attempts == 0
            ? Task.FromResult<IReadOnlyList<CallAttempt>>([])
            : GrainFactory.GetGrain<IContactGrain>(ContactKey.For(JobId, i)).GetCallsAsync()));
        return new ContactPage(total, [.. indices.Select((index, n) => JobViews.Contact(index, inputs[index], board[index], calls[n]))]);
    }

    async Task<StartJobResult> IBatchJobGrain.StartAsync(string organizationId)
    {
        if (!Owns(organizationId))
        {
            return new StartJobResult(ErrorCodes.JobNotFound, default, 0, false, null);
        }

        if (JobStateMachine.CheckStart(Job.Status) is { } error)
        {
            return new StartJobResult(error, Job.Status, 0, false, null);
        }

        var wasScheduled = Job.Status == JobStatus.Scheduled;
        var enqueued = await StartNowAsync();
        return new StartJobResult(null, Job.Status, enqueued, wasScheduled, Job.ActualStartTime);
    }

    async Task<CancelJobResult> IBatchJobGrain.CancelAsync(string organizationId)
    {
        if (!Owns(organizationId))
        {
            return new CancelJobResult(ErrorCodes.JobNotFound, default, false, 0);
        }

        var previous = Job.Status;
        if (JobStateMachine.CheckCancel(previous) is { } error)
        {
            return new CancelJobResult(error, previous, false, 0);
        }

        var board = await BoardAsync();
        var cancelled = board.CancelRemaining();
        Job.CancelledAt = Now;
        await FinishAsync(JobStatus.Cancelled);
        return new CancelJobResult(null, previous, previous == JobStatus.Scheduled, cancelled);
    }

    async Task<RescheduleJobResult> IBatchJobGrain.RescheduleAsync(string organizationId, DateTimeOffset startAt, string? timezone)
    {
        if (!Owns(organizationId))
        {
            return new RescheduleJobResult(ErrorCodes.JobNotFound, default, null, false, null);
        }

        if (JobStateMachine.CheckReschedule(Job.Status) is { } error)
        {
            return new RescheduleJobResult(error, Job.Status, null, false, null);
        }

        if (startAt <= Now)
        {
            return new RescheduleJobResult(ErrorCodes.PastScheduledTime, Job.Status, null, false, null);
        }

        var replaced = Job.ScheduledJobId is not null;
        Job.Timezone = timezone ?? Job.Timezone;
        await ScheduleAsync(startAt);
        return new RescheduleJobResult(null, Job.Status, startAt, replaced, Job.ScheduledJobId);
    }

    async Task IBatchJobGrain.ReportAttemptAsync(AttemptReport report)
    {
        if (!state.RecordExists)
        {
            return;
        }

        var dispatcher = await DispatcherAsync();
        if (dispatcher.Apply(report))
        {
            // Dial the next contact in a turn of its own: dialing from this turn could call back into the
            // contact that is waiting for this very report.
            _heartbeat?.Change(TimeSpan.Zero, options.Value.Heartbeat);
            EnsureHeartbeat();
        }
    }

    Task IBatchJobGrain.ExchangeNowAsync()
    {
        if (Job.Status == JobStatus.Running || JobStateMachine.IsTerminal(Job.Status))
        {
            EnsureHeartbeat();
            _heartbeat?.Change(TimeSpan.Zero, options.Value.Heartbeat);
        }

        return Task.CompletedTask;
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        switch (Job.Status)
        {
            case JobStatus.Scheduled:
                await StartIfDueAsync();
                break;
            case JobStatus.Running:
            case var stopped when JobStateMachine.IsTerminal(stopped) && !Job.BillingClosed:
                // Activation resumed dispatch, or the collecting of the last outcomes; the reminder only had to wake the job.
                break;
            default:
                await UnregisterReminderAsync();
                break;
        }
    }

    private bool Owns(string organizationId) => state.RecordExists && Job.OrganizationId == organizationId;

    private JobContactStore? _store;

    private JobContactStore Store() => _store ??= new JobContactStore(storage, this.GetGrainId(), Job.TotalContacts);

    private async Task<ContactBoard> BoardAsync() => (await DispatcherAsync()).Board;

    /// <summary>
    /// The job's dispatcher, its board loaded once. Turns that interleave (status reads) share one load, so a job never
    /// has two boards; a load that failed is tried again by the next turn.
    /// </summary>
    private Task<JobDispatcher> DispatcherAsync()
    {
        if (_loading is null || _loading.IsFaulted || _loading.IsCanceled)
        {
            _loading = LoadDispatcherAsync();
        }

        return _loading;
    }

    private async Task<JobDispatcher> LoadDispatcherAsync()
    {
        var board = await Store().LoadBoardAsync(Job.RetryPolicy, TimeSpan.FromSeconds(Job.RetryDelaySeconds),
            options.Value.MaxCallDuration + ReaskGrace);
        return _dispatcher = new JobDispatcher(JobId, Job, board, Store(), GrainFactory, logger);
    }
}
