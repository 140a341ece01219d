using BatchCalling.Contacts;
using BatchCalling.Jobs;
using BatchCalling.Organizations;
using BatchCalling.Windows;

namespace BatchCalling.GrainTests;

/// <summary>Builds organizations and jobs with keys of their own, and waits on conditions with a deadline.</summary>
public sealed class Scenario(BatchCluster cluster)
{
    public const string CallerId = "pn_1";
    private static int _phoneSeed;

    public IGrainFactory Grains => cluster.Grains;

    public string OrganizationId { get; } = "org_" + Guid.NewGuid().ToString("N")[..12];

    public async Task<Scenario> WithOrganizationAsync(int concurrencyLimit = 10, decimal credits = 1000m)
    {
        var organization = Grains.GetGrain<IOrganizationGrain>(OrganizationId);
        await organization.UpsertAsync(new OrganizationSettings("Test", concurrencyLimit, credits));
        await organization.SetPhoneNumberAsync(new PhoneNumber(CallerId, "+12025550100", "agent_1", AgentArchitecture.Pipeline));
        return this;
    }

    public static ContactInput Contact(string? simulatedOutcomes = null) =>
        new($"+1312555{Interlocked.Increment(ref _phoneSeed) % 10_000:0000}", null,
            simulatedOutcomes is null ? null : $$"""{"simulatedOutcomes":"{{simulatedOutcomes}}"}""");

    public static IReadOnlyList<ContactInput> Contacts(int count, string? simulatedOutcomes = null) =>
        [.. Enumerable.Range(0, count).Select(_ => Contact(simulatedOutcomes))];

    /// <summary>Contacts whose simulated calls end as scripted, each after <paramref name="durationMs"/>.</summary>
    public static IReadOnlyList<ContactInput> Contacts(int count, string simulatedOutcomes, int durationMs) =>
        [.. Enumerable.Range(0, count).Select(_ => Contact() with
        {
            CustomFieldsJson = $$"""{"simulatedOutcomes":"{{simulatedOutcomes}}","simulatedDurationMs":"{{durationMs}}"}""",
        })];

    public async Task<(string JobId, CreateJobResult Result)> CreateJobAsync(
        IReadOnlyList<ContactInput> contacts, int limit = 5, int maxAttempts = 3, int retryDelaySeconds = 0,
        DateTimeOffset? startAt = null, bool autoStart = true, DateTimeOffset? endAt = null, CallingWindow? callingWindow = null)
    {
        var jobId = "batch_" + Guid.NewGuid().ToString("N");
        var result = await Job(jobId).CreateAsync(OrganizationId,
            new CreateJobCommand("Test job", null, CallerId, limit, RetryPolicy.Default(maxAttempts, retryOnVoicemail: false), retryDelaySeconds, startAt,
                "UTC", autoStart, contacts, null, DryRun: false, EndAt: endAt, CallingWindow: callingWindow));
        Assert.Null(result.Error);
        return (jobId, result);
    }

    public IBatchJobGrain Job(string jobId) => Grains.GetGrain<IBatchJobGrain>(jobId);

    /// <summary>The first page of contacts at the detail's default size.</summary>
    public static readonly ContactQuery FirstPage = new(null, 1, 50);

    public async Task<JobDetail> DetailAsync(string jobId) => (await Job(jobId).GetDetailAsync(OrganizationId, FirstPage))!;

    public async Task<JobDetail> WaitForStatusAsync(string jobId, JobStatus status, TimeSpan? timeout = null)
    {
        JobDetail? detail = null;
        await WaitUntilAsync(async () => (detail = await DetailAsync(jobId)).Summary.Status == status, timeout,
            () => $"job {jobId} is {detail?.Summary.Status}, not {status}");
        return detail!;
    }

    /// <summary>Waits until the job has started (it may have finished since).</summary>
    public async Task<JobDetail> WaitForStartAsync(string jobId)
    {
        JobDetail? detail = null;
        await WaitUntilAsync(async () => (detail = await DetailAsync(jobId)).Summary.ActualStartTime is not null, null,
            () => $"job {jobId} is {detail?.Summary.Status} and has not started");
        return detail!;
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, Func<string>? describe = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Condition not met in time: " + (describe?.Invoke() ?? "(no description)"));
            }

            await Task.Delay(20);
        }
    }
}
