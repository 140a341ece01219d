using BatchCalling.Contacts;
using BatchCalling.Diagnostics;
using BatchCalling.Dialing;
using BatchCalling.Organizations;
using BatchCalling.Webhooks;
using BatchCalling.Windows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace BatchCalling.Jobs;

/// <summary>
/// One batch job: its state machine and its heartbeat. What it wakes by (<see cref="JobScheduler"/>), how it dials
/// (<see cref="JobDispatcher"/>), what it is charged (<see cref="JobBilling"/>) and how it is stored
/// (<see cref="JobRecord"/>) each live in a class of their own, used within the grain's turns; the customer's commands and
/// the running side are parts of their own (<c>.Control</c>, <c>.Run</c>).
/// </summary>
internal sealed partial class BatchJobGrain(
    [PersistentState("job", BatchStorage.Name)] IPersistentState<JobState> state,
    [FromKeyedServices(BatchStorage.Name)] IGrainStorage storage,
    [FromKeyedServices(BatchClock.Key)] TimeProvider time,
    IOptions<DispatchOptions> options,
    CallDialers dialers,
    WebhookEnqueuer webhooks,
    IContactRecords contactRecords,
    BatchMetrics metrics,
    ILogger<BatchJobGrain> logger) : Grain, IBatchJobGrain, IRemindable
{
    /// <summary>A call's outcome reaches the job within this of its hang-up at the maximum duration, unless it was lost.</summary>
    private static readonly TimeSpan ReaskGrace = TimeSpan.FromMinutes(1);

    private JobDispatcher? _dispatcher;
    private Task<JobDispatcher>? _loading;
    private JobContactStore? _store;
    private JobScheduler? _scheduler;
    private JobRecord? _record;
    private IGrainTimer? _heartbeat;
    private DateTimeOffset _lastCheck = DateTimeOffset.MinValue;
    private bool _organizationChecked;
    private JobStatus? _storedStatus;

    private JobState Job => state.State;

    private string JobId => this.GetPrimaryKeyString();

    private DateTimeOffset Now => time.GetUtcNow();

    private TimeSpan Heartbeat => options.Value.Heartbeat;

    private JobContactStore Store => _store ??= new JobContactStore(storage, this.GetGrainId(), Job.TotalContacts);

    private JobScheduler Scheduler => _scheduler ??= new JobScheduler(this, time, StartIfDueAsync);

    private JobRecord Record => _record ??= new JobRecord(JobId, state, Store, new JobWebhooks(JobId, state, Store, webhooks, time), _storedStatus,
        GrainFactory, DeactivateOnIdle, EnsureHeartbeat, logger);

    private JobBilling Billing => new(JobId, Job, GrainFactory);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // What a status change is a change from: nothing is stored before the record is made (webhooks tell of each change).
        _storedStatus = state.RecordExists ? Job.Status : null;
        if (Job.Erasing)
        {
            // Half erased when its silo died: it answers as gone until a repeated delete finishes.
            return;
        }

        Job.MoveToRunningTotals();
        Job.MoveCostsToBoard();
        if (Job.CollectsCalls)
        {
            // A job that stopped with calls on the line (its silo died since) still has outcomes to collect and bill.
            await DispatcherAsync();
            EnsureHeartbeat();
        }
        else if (Job.Status == JobStatus.Scheduled)
        {
            Scheduler.ArmStartTimer(Job);
        }

        if (state.RecordExists && Job.Status != JobStatus.Running)
        {
            // A silo may have died between storing a status and telling the job list: the list learns it again now.
            this.RegisterGrainTimer(Record.SyncIndexAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        }
    }

    async Task<CreateJobResult> IBatchJobGrain.CreateAsync(string organizationId, CreateJobCommand command)
    {
        if (state.RecordExists)
        {
            return JobAdmission.Repeat(Job, organizationId, command, Now);
        }

        var organization = await GrainFactory.GetGrain<IOrganizationGrain>(organizationId).GetAsync();
        var (job, created) = JobAdmission.Admit(organizationId, command, organization, dialers.CanDial, Now);
        if (job is null || command.DryRun)
        {
            return created;
        }

        state.State = job;
        await Store.WriteInputsAsync(command.Contacts);
        if (command.CallingWindow is not null)
        {
            await Store.WriteZoneGroupsAsync(ContactZoneGroups.Of(command.Contacts));
        }

        if (command.ScheduledStartTime is { } startAt)
        {
            await ScheduleAsync(startAt);
        }
        else
        {
            await Record.SaveAsync();
        }

        if (Job.Status == JobStatus.Pending && command.AutoStart)
        {
            await StartNowAsync();
        }
        else if (Job.Status == JobStatus.Pending && Job.EndAt is { } endAt)
        {
            // Never started, it still ends at its endAt.
            await Scheduler.RemindAtAsync(endAt);
        }

        return created;
    }

    Task<JobSummary?> IBatchJobGrain.GetSummaryAsync(string organizationId) =>
        Task.FromResult(Owns(organizationId) ? JobViews.Summary(JobId, Job, _dispatcher?.Board) : null);

    async Task<JobDetail?> IBatchJobGrain.GetDetailAsync(string organizationId, ContactQuery contacts)
    {
        if (!Owns(organizationId))
        {
            return null;
        }

        // The job's figures are taken before its contacts' calls are read, as other turns move it on meanwhile: a detail may
        // show calls newer than its status, never a status (completed) newer than its calls (one still without results).
        var dispatcher = await DispatcherAsync();
        var detail = JobViews.Detail(JobId, Job, dispatcher.Board, ContactPage.Empty, Now);
        return detail with { Contacts = await ContactPageAsync(contacts) };
    }

    async Task<ContactPage?> IBatchJobGrain.GetContactsAsync(string organizationId, ContactQuery query) =>
        Owns(organizationId) ? await ContactPageAsync(query) : null;

    async Task IBatchJobGrain.ReportAttemptAsync(AttemptReport report)
    {
        if (state.RecordExists && (await DispatcherAsync()).Apply(report))
        {
            // Dial the next contact in a turn of its own: dialing from this turn could call back into the
            // contact that is waiting for this very report.
            BeatNow();
        }
    }

    Task IBatchJobGrain.ExchangeNowAsync()
    {
        if (Job.Status == JobStatus.Running || JobStateMachine.IsTerminal(Job.Status))
        {
            _dispatcher?.ExchangeNextRound();
            BeatNow();
        }

        return Task.CompletedTask;
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        await ExpireIfDueAsync();
        if (Job.Status == JobStatus.Scheduled)
        {
            await StartIfDueAsync();
        }
        else if (Job.Status == JobStatus.Pending && Job.EndAt is { } endAt && endAt > Now)
        {
            // Woken before its end (a tick of the reminder's period): it still has to end then.
            await Scheduler.RemindAtAsync(endAt);
        }
        else if (!Job.CollectsCalls)
        {
            // A running job, or one with calls left to collect, resumed on activation: the reminder only had to wake it.
            await Scheduler.ForgetAsync();
        }
    }

    private bool Owns(string organizationId) => state.RecordExists && Job.OrganizationId == organizationId && !Job.Erasing;

    private async Task<ContactPage> ContactPageAsync(ContactQuery query) =>
        await JobContactPages.ReadAsync(JobId, (await DispatcherAsync()).Board, Store, GrainFactory, query);

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
        var windows = Job.CallingWindow is { } window ? ContactWindows.Of(window, await Store.ReadZoneGroupsAsync(), Job.Timezone) : null;
        var board = await Store.LoadBoardAsync(Job.RetryPolicy, TimeSpan.FromSeconds(Job.RetryDelaySeconds),
            options.Value.CallLimit(Job.MaxCallDurationSeconds) + options.Value.EndGrace + ReaskGrace, windows);
        if (JobStateMachine.IsTerminal(Job.Status))
        {
            // Its calls still on the line end as they would have when it stopped: never retried, cancelled if it was.
            board.Stop(cancelsRetries: Job.Status == JobStatus.Cancelled || Job.Expired, Job.Expired ? EndReason.Expired : null);
        }

        _dispatcher = new JobDispatcher(JobId, Job, board, Store, GrainFactory, Heartbeat, metrics, logger);
        _dispatcher.BookCost();
        return _dispatcher;
    }
}
