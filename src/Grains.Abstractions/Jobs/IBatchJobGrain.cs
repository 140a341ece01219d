using BatchCalling.Contacts;
using Orleans.Concurrency;

namespace BatchCalling.Jobs;

/// <summary>
/// One batch job (key: job id): its state machine, its scheduled start and the dispatch of its contacts.
/// Every call names the caller's organization; a job of another organization answers as if it did not exist.
/// </summary>
[Alias("batch.IBatchJobGrain")]
public interface IBatchJobGrain : IGrainWithStringKey
{
    /// <summary>Creates the job once; a second create of the same id fails with <see cref="ErrorCodes.JobExists"/>.</summary>
    [Alias("Create")]
    Task<CreateJobResult> CreateAsync(string organizationId, CreateJobCommand command);

    /// <summary>The list-endpoint view, or null when the job does not exist for this organization. Reads memory only,
    /// so it interleaves: a status query never waits behind a dispatch round.</summary>
    [Alias("GetSummary"), AlwaysInterleave]
    Task<JobSummary?> GetSummaryAsync(string organizationId);

    /// <summary>
    /// The detail-endpoint view with one page of contacts (from the job's own records: no contact grain is asked), or
    /// null when the job does not exist for this organization. Interleaves, as above.
    /// </summary>
    [Alias("GetDetail"), AlwaysInterleave]
    Task<JobDetail?> GetDetailAsync(string organizationId, ContactQuery contacts);

    /// <summary>
    /// Tells <paramref name="watcher"/> of the job's changes, about once a second at most, for a few minutes unless watched
    /// again (a renewal); answers the job's update now. A job that does not exist for this organization answers gone and
    /// is not watched. Interleaves, as above.
    /// </summary>
    [Alias("Watch"), AlwaysInterleave]
    Task<JobUpdate> WatchAsync(string organizationId, IJobWatcher watcher);

    /// <summary>Stops telling <paramref name="watcher"/> of the job's changes.</summary>
    [Alias("Unwatch"), AlwaysInterleave]
    Task UnwatchAsync(IJobWatcher watcher);

    /// <summary>A page of contacts in upload order with every call placed; null when the job does not exist.</summary>
    [Alias("GetContacts")]
    Task<ContactPage?> GetContactsAsync(string organizationId, ContactQuery query);

    /// <summary>
    /// The names of the contacts' custom fields, in the order they first appear in the upload (the export's extra columns);
    /// null when the job does not exist for this organization. Interleaves, as above.
    /// </summary>
    [Alias("GetCustomFieldNames"), AlwaysInterleave]
    Task<IReadOnlyList<string>?> GetCustomFieldNamesAsync(string organizationId);

    /// <summary>
    /// Page <paramref name="page"/> (0-based) of the export: the contacts of one stored chunk, optionally of one status, each
    /// with its last call's results (read from the contacts' records: no contact grain is activated); null when the job
    /// does not exist for this organization. Interleaves, as above.
    /// </summary>
    [Alias("GetExportPage"), AlwaysInterleave]
    Task<ContactExportPage?> GetExportPageAsync(string organizationId, ContactStatus? status, int page);

    /// <summary>Starts a pending or scheduled job now.</summary>
    [Alias("Start")]
    Task<StartJobResult> StartAsync(string organizationId);

    /// <summary>Cancels the job and every contact not yet final; calls in progress finish and are recorded.</summary>
    [Alias("Cancel")]
    Task<CancelJobResult> CancelAsync(string organizationId);

    /// <summary>Moves a pending or scheduled job's start to <paramref name="startAt"/>, and its zone when one is given.</summary>
    [Alias("Reschedule")]
    Task<RescheduleJobResult> RescheduleAsync(string organizationId, DateTimeOffset startAt, string? timezone);

    /// <summary>Stops a running job's dialing; calls on the line finish and are recorded.</summary>
    [Alias("Pause")]
    Task<JobControlResult> PauseAsync(string organizationId);

    /// <summary>Dials a paused job's contacts again (when its organization's credits cover a call).</summary>
    [Alias("Resume")]
    Task<JobControlResult> ResumeAsync(string organizationId);

    /// <summary>Cancels one contact that is not final; a call it has on the line finishes.</summary>
    [Alias("CancelContact")]
    Task<CancelContactResult> CancelContactAsync(string organizationId, int index);

    /// <summary>Erases a job in a final status with no call on the line: its record, contacts, results and calls.</summary>
    [Alias("Delete")]
    Task<JobControlResult> DeleteAsync(string organizationId);

    /// <summary>
    /// The organization's throttle asks the job to exchange at once instead of at its next beat: slots it could use have
    /// freed up, or the throttle lost track of what the job holds (a new activation, a lapsed lease) and needs it re-stated.
    /// </summary>
    [Alias("ExchangeNow"), OneWay, AlwaysInterleave]
    Task ExchangeNowAsync();

    /// <summary>A contact reports how an attempt ended.</summary>
    [Alias("ReportAttempt")]
    Task ReportAttemptAsync(AttemptReport report);
}
