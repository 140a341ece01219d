using BatchCalling.Wire;
using System.ComponentModel;
using BatchCalling.Contacts;
using BatchCalling.Gateway.Auth;
using BatchCalling.Gateway.Errors;
using BatchCalling.Gateway.Export;
using BatchCalling.Gateway.Live;
using BatchCalling.Jobs;
using BatchCalling.Gateway.Parsing;
using BatchCalling.Gateway.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BatchCalling.Gateway.Jobs;

/// <summary>The <c>/batch/jobs</c> API of API.md: authenticate, check the request's shape, ask the job grain, map its answer.</summary>
public static class BatchJobsEndpoints
{
    internal const int MaxJobIdLength = 100;

    public static IEndpointRouteBuilder MapBatchJobsApi(this IEndpointRouteBuilder routes)
    {
        var batch = routes.MapApiKeyGroup("/batch", "Batch jobs");
        // The seed product's own create path; the same endpoint as POST /batch/jobs.
        Create(batch.MapPost("/create", CreateAsync)).WithName("CreateBatchJobSeedPath")
            .WithSummary("Create a batch job (the seed product's path; the same endpoint as POST /batch/jobs)")
            .WithDescription(CreateDescription);
        var jobs = batch.MapGroup("/jobs");
        Create(jobs.MapPost("/", CreateAsync)).WithName("CreateBatchJob").WithSummary("Create a batch job from a CSV upload or JSON contacts")
            .WithDescription(CreateDescription);
        jobs.MapGet("/", ListAsync).WithName("ListBatchJobs").WithSummary("The organization's jobs, newest first")
            .WithDescription("Pages the jobs of the API key's organization, newest first, optionally of one status or with a name containing `q`.")
            .Problem(StatusCodes.Status400BadRequest, "invalid_status", "invalid_page", "invalid_page_size")
            .Problem(StatusCodes.Status403Forbidden, "forbidden");
        jobs.MapGet("/{id}", GetAsync).WithName("GetBatchJob").WithSummary("One job with its settings, counts and a page of its contacts")
            .WithDescription("The list's job object plus settings, costs, `statusBreakdown`, `progress`, `estimatedCompletionTime` and one page of contacts in upload order. Another organization's job is `404 job_not_found`, like a missing one.")
            .Problem(StatusCodes.Status400BadRequest, "invalid_status", "invalid_page", "invalid_page_size")
            .Problem(StatusCodes.Status404NotFound, ErrorCodes.JobNotFound);
        jobs.MapGet("/{id}/contacts", ContactsAsync).WithName("ListBatchJobContacts").WithSummary("A job's contacts with every call placed")
            .WithDescription("Contacts in upload order, each with every attempt: call id, start, end, outcome and duration.")
            .Problem(StatusCodes.Status400BadRequest, "invalid_status", "invalid_page", "invalid_page_size")
            .Problem(StatusCodes.Status404NotFound, ErrorCodes.JobNotFound);
        jobs.MapGet("/{id}/contacts.csv", ContactsCsvAsync).WithName("ExportBatchJobContacts").WithSummary("Every contact of a job with its result, as CSV")
            .WithDescription("Streams every contact in upload order (RFC 4180, UTF-8 with a BOM, a file named after the job), under the columns " +
                "`" + string.Join(",", ContactCsvColumns.Fixed) + "` and then each custom field in the order it first appears in the upload. " +
                "Times are UTC ISO 8601, `callDuration` whole seconds, an unknown value an empty cell. A cell starting with `=`, `+`, `-`, `@`, " +
                "a tab or a carriage return is prefixed with `'` so spreadsheets show it as text; the E.164 phone is written as is.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .Problem(StatusCodes.Status400BadRequest, "invalid_status")
            .Problem(StatusCodes.Status404NotFound, ErrorCodes.JobNotFound);
        jobs.MapPost("/{id}/start", StartAsync).WithName("StartBatchJob").WithSummary("Start a pending or scheduled job now")
            .WithDescription("A scheduled job's reminder is cancelled and the job runs at once; a pending job runs.")
            .Problem(StatusCodes.Status400BadRequest, ErrorCodes.AlreadyRunning, ErrorCodes.InvalidStatus)
            .Problem(StatusCodes.Status404NotFound, ErrorCodes.JobNotFound);
        jobs.MapPost("/{id}/cancel", CancelAsync).WithName("CancelBatchJob").WithSummary("Cancel a job; calls in progress finish and are recorded")
            .WithDescription("Every contact not yet final is cancelled; calls on the line finish and record their outcome.")
            .Problem(StatusCodes.Status400BadRequest, ErrorCodes.AlreadyTerminal)
            .Problem(StatusCodes.Status404NotFound, ErrorCodes.JobNotFound);
        jobs.MapPatch("/{id}/reschedule", RescheduleAsync).WithName("RescheduleBatchJob").WithSummary("Move a pending or scheduled job's start")
            .WithDescription("The time is read in `timezone` (which becomes the job's zone), or as UTC without one; the old reminder is replaced.")
            .Problem(StatusCodes.Status400BadRequest, ScheduleTimeParser.InvalidTimezone, ScheduleTimeParser.InvalidDatetime, ErrorCodes.PastScheduledTime, ErrorCodes.InvalidStatus)
            .Problem(StatusCodes.Status404NotFound, ErrorCodes.JobNotFound);
        jobs.MapJobControl();
        jobs.MapJobEvents();
        jobs.MapJobProgress();
        return routes;
    }

    private const string CreateDescription =
        "Multipart with a CSV `file`, or JSON with `contacts`. Invalid and duplicate rows are skipped and listed; with `dryRun` the " +
        "request is checked and estimated (200) and nothing is created. The job starts at once unless scheduled or `autoStart` is false.";

    /// <summary>What both create paths take and answer.</summary>
    private static RouteHandlerBuilder Create(RouteHandlerBuilder create) =>
        create.WithMetadata(new RequestBodies([("multipart/form-data", typeof(CreateJobForm)), ("application/json", typeof(CreateJobBody))]))
            .Problem(StatusCodes.Status400BadRequest, CreateJobRules.ValidationError, UploadErrors.InvalidCsv, UploadErrors.MissingPhoneColumn,
                UploadErrors.TooManyContacts, UploadErrors.NoValidContacts, SkipReasons.InvalidPhoneFormat, ScheduleTimeParser.InvalidTimezone,
                ScheduleTimeParser.InvalidDatetime, ErrorCodes.PastScheduledTime, ErrorCodes.NoOutboundAgent, ErrorCodes.NoDialer, ErrorCodes.InsufficientCredits)
            .Problem(StatusCodes.Status404NotFound, ErrorCodes.PhoneNumberNotFound)
            .Problem(StatusCodes.Status409Conflict, ErrorCodes.IdempotencyConflict)
            .Problem(StatusCodes.Status413PayloadTooLarge, "payload_too_large")
            .Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type");

    private static async Task<Results<Created<CreateJobResponse>, Ok<DryRunResponse>, ProblemHttpResult>> CreateAsync(
        HttpRequest http, Caller caller, IGrainFactory grains, TimeProvider time,
        [FromHeader(Name = IdempotencyKeys.Header), Description("Up to 255 visible ASCII characters: a repeat of the request with this key within 24 h is answered as the first was and creates nothing.")]
        string? idempotencyKey)
    {
        if (IdempotencyKeys.Check(idempotencyKey) is { } keyProblem)
        {
            return keyProblem;
        }

        var (request, shapeProblem) = await CreateJobRequest.ReadAsync(http);
        if (request is null)
        {
            return shapeProblem!;
        }

        var check = CreateJobRules.Check(request.Fields, time.GetUtcNow());
        if (check.Settings is not { } settings)
        {
            return ApiProblem.BadRequest(check.Error!, check.Detail!, check.Errors is null ? null : [new("errors", check.Errors)]);
        }

        var upload = request.ReadContacts();
        if (UploadProblem(upload, settings.RejectInvalid) is { } uploadProblem)
        {
            return uploadProblem;
        }

        var keyed = idempotencyKey is not null && !settings.DryRun;
        var command = new CreateJobCommand(settings.Name, settings.Description, settings.FromPhoneNumberId, settings.ConcurrentCallLimit,
            settings.RetryPolicy, settings.RetryDelaySeconds, settings.ScheduledStartTime, settings.Timezone, settings.AutoStart, upload.Contacts,
            settings.MetadataJson, settings.DryRun, keyed ? await request.FingerprintAsync() : null, settings.MaxCallDurationSeconds,
            settings.EndAt, settings.CallingWindow);
        string jobId;
        CreateJobResult created;
        var generation = 0;
        do
        {
            jobId = keyed ? IdempotencyKeys.JobId(caller.OrganizationId, idempotencyKey!, generation++) : "batch_" + Guid.NewGuid().ToString("N");
            created = await grains.GetGrain<IBatchJobGrain>(jobId).CreateAsync(caller.OrganizationId, command);
        }
        while (created.Error == ErrorCodes.IdempotencyKeyExpired);

        if (created.Error is { } error)
        {
            return CreateProblem(error);
        }

        var status = WireNames.Of(created.Status);
        var cost = Costs.Format(created.EstimatedCost);
        if (settings.DryRun)
        {
            return TypedResults.Ok(new DryRunResponse(true, true, created.TotalContacts, created.EstimatedDuration, cost, status,
                created.ScheduledStartTime, "Validation passed; nothing was created (dryRun)", upload.SkippedCount, upload.Skipped));
        }

        var message = created.Status == JobStatus.Scheduled ? "Batch job created and scheduled"
            : settings.AutoStart ? "Batch job created and started"
            : "Batch job created";
        return TypedResults.Created($"/batch/jobs/{jobId}", new CreateJobResponse(true, jobId, created.TotalContacts,
            created.EstimatedDuration, cost, status, created.ScheduledStartTime, message, upload.SkippedCount, upload.Skipped));
    }

    private static ProblemHttpResult? UploadProblem(ContactUpload upload, bool rejectInvalid)
    {
        KeyValuePair<string, object?>[] rows = [new("rows", upload.Skipped), new("skippedCount", upload.SkippedCount)];
        return upload.Error switch
        {
            UploadErrors.InvalidCsv => ApiProblem.BadRequest(UploadErrors.InvalidCsv, "The file is not a readable CSV."),
            UploadErrors.MissingPhoneColumn => ApiProblem.BadRequest(UploadErrors.MissingPhoneColumn, "The CSV has no 'phone' column."),
            UploadErrors.TooManyContacts => ApiProblem.BadRequest(UploadErrors.TooManyContacts, "A job holds at most 10,000 contacts."),
            UploadErrors.NoValidContacts => ApiProblem.BadRequest(UploadErrors.NoValidContacts, "No valid contacts in the upload.", rows),
            _ when rejectInvalid && upload.Skipped.Any(s => s.Reason != SkipReasons.DuplicatePhone) =>
                ApiProblem.BadRequest(SkipReasons.InvalidPhoneFormat, "Some phone numbers are not valid E.164 numbers.", rows),
            _ => null,
        };
    }

    private static ProblemHttpResult CreateProblem(string error) => error switch
    {
        ErrorCodes.PhoneNumberNotFound => ApiProblem.Of(StatusCodes.Status404NotFound, error, "Phone number not found"),
        ErrorCodes.NoOutboundAgent => ApiProblem.BadRequest(error, "Phone number has no outbound agent assigned"),
        ErrorCodes.NoDialer => ApiProblem.BadRequest(error, "Phone number has no dialer, and the deployment has no default dialer"),
        ErrorCodes.InsufficientCredits => ApiProblem.BadRequest(error, "Organization has insufficient credits"),
        ErrorCodes.PastScheduledTime => ApiProblem.BadRequest(error, CreateJobRules.PastScheduledTimeDetail),
        ErrorCodes.IdempotencyConflict => ApiProblem.Of(StatusCodes.Status409Conflict, error,
            "This Idempotency-Key was used in the last 24 hours for another request; use a new key for a new job."),
        _ => throw new InvalidOperationException($"Unexpected create error '{error}'."),
    };

    private static async Task<Results<Ok<JobListResponse>, ProblemHttpResult>> ListAsync(
        Caller caller, IGrainFactory grains,
        [Description("The key's organization (another's is 403); omitted, the key's.")] string? organizationId,
        [Description("Name contains, case-insensitive.")] string? q,
        [Description("A job status.")] string? status,
        [Description("1 or more, default 1.")] string? page,
        [Description("1–100, default 20.")] string? pageSize)
    {
        if (organizationId is not null && organizationId != caller.OrganizationId)
        {
            return ApiProblem.Of(StatusCodes.Status403Forbidden, "forbidden", "You can only list your own organization's jobs");
        }

        var (filter, statusProblem) = Paging.Status<JobStatus>(status);
        var (paging, pageProblem) = Paging.Read(page, pageSize);
        if ((statusProblem ?? pageProblem) is { } problem)
        {
            return problem;
        }

        var index = await grains.GetGrain<IJobIndexGrain>(caller.OrganizationId).ListAsync(filter, string.IsNullOrWhiteSpace(q) ? null : q.Trim(), paging!.Page, paging.PageSize);
        var summaries = await Task.WhenAll(index.JobIds.Select(id => grains.GetGrain<IBatchJobGrain>(id).GetSummaryAsync(caller.OrganizationId)));
        return TypedResults.Ok(new JobListResponse([.. summaries.OfType<JobSummary>().Select(JobResponse.From)], index.Total, paging.Page, paging.PageSize));
    }

    private static async Task<Results<Ok<JobDetailResponse>, ProblemHttpResult>> GetAsync(
        string id, Caller caller, IGrainFactory grains,
        [Description("Only contacts of this status (`in_progress` is read as `dialing`).")] string? contactStatus,
        [Description("1 or more, default 1.")] string? contactsPage,
        [Description("1–500, default 50.")] string? contactsPageSize)
    {
        var (query, problem) = Paging.Contacts(contactStatus, contactsPage, contactsPageSize, inDetail: true);
        if (query is null)
        {
            return problem!;
        }

        return await Job(grains, id).GetDetailAsync(caller.OrganizationId, query) is { } detail
            ? TypedResults.Ok(JobDetailResponse.From(detail, query))
            : ApiProblem.JobNotFound();
    }

    private static async Task<Results<Ok<ContactListResponse>, ProblemHttpResult>> ContactsAsync(
        string id, Caller caller, IGrainFactory grains,
        [Description("Only contacts of this status (`in_progress` is read as `dialing`).")] string? status,
        [Description("1 or more, default 1.")] string? page,
        [Description("1–100, default 20.")] string? pageSize)
    {
        var (query, problem) = Paging.Contacts(status, page, pageSize, inDetail: false);
        if (query is null)
        {
            return problem!;
        }

        var contacts = await Job(grains, id).GetContactsAsync(caller.OrganizationId, query);
        return contacts is null
            ? ApiProblem.JobNotFound()
            : TypedResults.Ok(new ContactListResponse([.. contacts.Contacts.Select(ContactResponse.From)], contacts.Total, query.Page, query.PageSize));
    }

    private static async Task<Results<ContactsCsvResult, ProblemHttpResult>> ContactsCsvAsync(
        string id, Caller caller, IGrainFactory grains,
        [Description("Only contacts of this status (`in_progress` is read as `dialing`).")] string? status)
    {
        var (filter, problem) = Paging.ContactStatusFilter(status);
        if (problem is not null)
        {
            return problem;
        }

        var job = Job(grains, id);
        return await job.GetCustomFieldNamesAsync(caller.OrganizationId) is { } customFields
            ? new ContactsCsvResult(id, new ContactCsvColumns(customFields), page => job.GetExportPageAsync(caller.OrganizationId, filter, page))
            : ApiProblem.JobNotFound();
    }

    private static async Task<Results<Ok<StartJobResponse>, ProblemHttpResult>> StartAsync(string id, Caller caller, IGrainFactory grains)
    {
        var result = await Job(grains, id).StartAsync(caller.OrganizationId);
        return result.Error switch
        {
            null => TypedResults.Ok(new StartJobResponse(true,
                result.ReminderCancelled ? "Cancelled scheduled job, starting immediately" : "Batch job started", id, WireNames.Of(result.Status),
                result.ContactsEnqueued, result.ReminderCancelled, result.StartedAt)),
            ErrorCodes.JobNotFound => ApiProblem.JobNotFound(),
            ErrorCodes.AlreadyRunning => ApiProblem.BadRequest(ErrorCodes.AlreadyRunning, "Job is already running"),
            var error => ApiProblem.BadRequest(error, $"Cannot start job in '{WireNames.Of(result.Status)}' status"),
        };
    }

    private static async Task<Results<Ok<CancelJobResponse>, ProblemHttpResult>> CancelAsync(string id, Caller caller, IGrainFactory grains)
    {
        var result = await Job(grains, id).CancelAsync(caller.OrganizationId);
        return result.Error switch
        {
            null => TypedResults.Ok(new CancelJobResponse(true, result.PreviousStatus switch
            {
                JobStatus.Scheduled => "Scheduled job cancelled successfully",
                JobStatus.Pending => "Pending job cancelled successfully",
                _ => "Job was already running - cancelled remaining contacts",
            }, id, result.ReminderCancelled, result.ContactsCancelled)),
            ErrorCodes.JobNotFound => ApiProblem.JobNotFound(),
            var error => ApiProblem.BadRequest(error, $"Cannot cancel job in '{WireNames.Of(result.PreviousStatus)}' status"),
        };
    }

    private static async Task<Results<Ok<RescheduleJobResponse>, ProblemHttpResult>> RescheduleAsync(
        string id, Caller caller, IGrainFactory grains,
        [Description("ISO 8601, e.g. 2025-03-01T10:00:00; without an offset, a wall-clock time in timezone.")] string? scheduledStartTime,
        [Description("IANA zone; omitted, the time is UTC and the job keeps its zone.")] string? timezone)
    {
        var zone = string.IsNullOrEmpty(timezone) ? "UTC" : timezone;
        var (startAt, parseError) = ScheduleTimeParser.Parse(scheduledStartTime, zone);
        if (parseError == ScheduleTimeParser.InvalidTimezone)
        {
            return ApiProblem.BadRequest(parseError, CreateJobRules.InvalidTimezoneDetail(zone));
        }

        if (parseError is not null)
        {
            return ApiProblem.BadRequest(parseError, CreateJobRules.InvalidDatetimeDetail);
        }

        var result = await Job(grains, id).RescheduleAsync(caller.OrganizationId, startAt!.Value, string.IsNullOrEmpty(timezone) ? null : timezone);
        return result.Error switch
        {
            null => TypedResults.Ok(new RescheduleJobResponse(true,
                result.OldScheduleCancelled ? "Rescheduled successfully (old job cancelled)" : "Scheduled successfully",
                id, result.ScheduledStartTime, WireNames.Of(result.Status), result.OldScheduleCancelled, result.ScheduledJobId)),
            ErrorCodes.JobNotFound => ApiProblem.JobNotFound(),
            ErrorCodes.PastScheduledTime => ApiProblem.BadRequest(ErrorCodes.PastScheduledTime, CreateJobRules.PastScheduledTimeDetail),
            var error => ApiProblem.BadRequest(error,
                $"Cannot reschedule job in '{WireNames.Of(result.Status)}' status. Only 'scheduled' or 'pending' jobs can be rescheduled."),
        };
    }

    /// <summary>The job grain for a path id; ids no job could have (blank, or too long) go to a key that never exists.</summary>
    internal static IBatchJobGrain Job(IGrainFactory grains, string id) =>
        grains.GetGrain<IBatchJobGrain>(id.Length <= MaxJobIdLength && !string.IsNullOrWhiteSpace(id) ? id : "batch_unknown");
}
