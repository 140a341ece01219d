using BatchCalling.Contacts;
using BatchCalling.Organizations;
using BatchCalling.Windows;

namespace BatchCalling.Jobs;

/// <summary>
/// A job's own stored record: its settings, status, times and counters. Small on purpose: contacts live in
/// separate chunks, so a status or counter change never rewrites the contact list.
/// </summary>
[GenerateSerializer, Alias("batch.job-state")]
public sealed class JobState
{
    [Id(0)] public string OrganizationId { get; set; } = "";
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public string? Description { get; set; }
    [Id(3)] public string FromPhoneNumberId { get; set; } = "";
    [Id(4)] public int ConcurrentCallLimit { get; set; }
    [Id(5)] public int MaxAttempts { get; set; }
    [Id(6)] public int RetryDelaySeconds { get; set; }
    [Id(7)] public string Timezone { get; set; } = "UTC";
    [Id(8)] public int TotalContacts { get; set; }
    [Id(9)] public decimal EstimatedCost { get; set; }
    [Id(10)] public decimal ActualCost { get; set; }
    /// <summary>Only in records written before running totals (see <see cref="MoveToRunningTotals"/>).</summary>
    [Id(11)] public decimal UnchargedCost { get; set; }
    [Id(12)] public AgentArchitecture AgentArchitecture { get; set; }
    [Id(13)] public JobStatus Status { get; set; }
    [Id(14)] public DateTimeOffset CreatedAt { get; set; }
    [Id(15)] public DateTimeOffset? ScheduledStartTime { get; set; }
    [Id(16)] public DateTimeOffset? ActualStartTime { get; set; }
    [Id(17)] public DateTimeOffset? CompletedAt { get; set; }
    [Id(18)] public DateTimeOffset? CancelledAt { get; set; }
    [Id(19)] public string? FailureReason { get; set; }
    [Id(20)] public string? ScheduledJobId { get; set; }
    [Id(21)] public int ContactsProcessed { get; set; }
    [Id(22)] public int SuccessfulCalls { get; set; }
    [Id(23)] public int FailedCalls { get; set; }
    [Id(24)] public Dictionary<string, int> StatusCounts { get; set; } = [];

    /// <summary>Null on jobs stored before retry policies: they retry the default outcomes.</summary>
    [Id(25)] public List<CallOutcome>? RetryableOutcomes { get; set; }
    [Id(26)] public string? AgentId { get; set; }
    [Id(27)] public string? MetadataJson { get; set; }
    [Id(28)] public int OrganizationConcurrencyLimit { get; set; }

    /// <summary>
    /// What records written before running totals had already charged; reports of such a job start above it. Records
    /// since then start at zero (<see cref="ReportsTotals"/>).
    /// </summary>
    [Id(29)] public decimal ChargedBeforeTotals { get; set; }
    [Id(30)] public bool ReportsTotals { get; set; }

    /// <summary>The organization has the job's last charge report: no call of it can cost anything more.</summary>
    [Id(31)] public bool BillingClosed { get; set; }

    /// <summary>The job dials, or stopped with calls whose outcomes it has yet to collect and bill.</summary>
    public bool CollectsCalls => IsActive || (JobStateMachine.IsTerminal(Status) && !BillingClosed);

    /// <summary>The running total the organization is told (see <see cref="ChargeReport"/>).</summary>
    public decimal ChargedThrough => ActualCost - ChargedBeforeTotals;

    /// <summary>A record of the older scheme charged each heartbeat's new costs and kept what it had not yet charged.</summary>
    public void MoveToRunningTotals()
    {
        if (!ReportsTotals)
        {
            ChargedBeforeTotals = ActualCost - UnchargedCost;
            UnchargedCost = 0;
            ReportsTotals = true;
        }
    }

    /// <summary>The request that made the job, under an <c>Idempotency-Key</c>, and the answer it got, for repeats of it.</summary>
    [Id(32)] public string? IdempotencyFingerprint { get; set; }
    [Id(33)] public CreateJobResult? Created { get; set; }

    /// <summary>
    /// What a record written before costs were kept on the board had already cost; since then the cost is this plus what the
    /// board's contacts cost (<see cref="CostsOnBoard"/>), so an outcome and its cost are stored together, never one without
    /// the other.
    /// </summary>
    [Id(34)] public decimal CostBeforeBoard { get; set; }
    [Id(35)] public bool CostsOnBoard { get; set; }

    public void MoveCostsToBoard()
    {
        if (!CostsOnBoard)
        {
            CostBeforeBoard = ActualCost;
            CostsOnBoard = true;
        }
    }

    /// <summary>0 on jobs stored before it was asked for: they have the default.</summary>
    [Id(36)] public int MaxCallDurationSeconds { get; set; }

    /// <summary>Why a paused job is paused: <see cref="PausedByUser"/>, or <see cref="ErrorCodes.InsufficientCredits"/>.</summary>
    [Id(40)] public string? PauseReason { get; set; }

    /// <summary>No call starts after it: the job then ends <c>completed</c>, its contacts not final <c>cancelled</c> (expired).</summary>
    [Id(41)] public DateTimeOffset? EndAt { get; set; }

    /// <summary>A delete began: the job answers as gone, and a repeated delete finishes erasing what is left.</summary>
    [Id(42)] public bool Erasing { get; set; }

    public const string PausedByUser = "user";

    /// <summary>The job was paused or ran on while it had calls in progress, so it has outcomes to collect and slots to give back.</summary>
    public bool IsActive => Status is JobStatus.Running or JobStatus.Paused;

    /// <summary>It ended at its <c>endAt</c> rather than by its contacts.</summary>
    public bool Expired => Status == JobStatus.Completed && EndAt is { } endAt && CompletedAt >= endAt;

    /// <summary>When contacts may be called in their own local time; none: any time.</summary>
    [Id(45)] public CallingWindow? CallingWindow { get; set; }

    public RetryPolicy RetryPolicy => new(MaxAttempts, RetryableOutcomes ?? RetryPolicy.Default(MaxAttempts, retryOnVoicemail: false).RetryableOutcomes);

    /// <summary>A new job's record: pending, or scheduled when it has a start time; every contact pending.</summary>
    public static JobState Create(string organizationId, CreateJobCommand command, OrganizationInfo organization, PhoneNumber caller, decimal estimatedCost, DateTimeOffset now) =>
        new()
        {
            OrganizationId = organizationId,
            Name = command.Name,
            Description = command.Description,
            FromPhoneNumberId = command.FromPhoneNumberId,
            ConcurrentCallLimit = command.ConcurrentCallLimit,
            MaxAttempts = command.RetryPolicy.MaxAttempts,
            RetryableOutcomes = [.. command.RetryPolicy.RetryableOutcomes],
            AgentId = caller.OutboundAgentId,
            MetadataJson = command.MetadataJson,
            OrganizationConcurrencyLimit = organization.ConcurrencyLimit,
            ReportsTotals = true,
            CostsOnBoard = true,
            IdempotencyFingerprint = command.IdempotencyFingerprint,
            RetryDelaySeconds = command.RetryDelaySeconds,
            MaxCallDurationSeconds = command.MaxCallDurationSeconds,
            Timezone = command.Timezone,
            CallingWindow = command.CallingWindow,
            TotalContacts = command.Contacts.Count,
            EstimatedCost = estimatedCost,
            AgentArchitecture = caller.AgentArchitecture,
            Status = command.ScheduledStartTime is null ? JobStatus.Pending : JobStatus.Scheduled,
            ScheduledStartTime = command.ScheduledStartTime,
            EndAt = command.EndAt,
            CreatedAt = now,
            StatusCounts = new() { [WireNames.Of(ContactStatus.Pending)] = command.Contacts.Count },
        };
}
