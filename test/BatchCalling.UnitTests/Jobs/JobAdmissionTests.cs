using BatchCalling.Contacts;
using BatchCalling.Jobs;
using BatchCalling.Organizations;

namespace BatchCalling.UnitTests.Jobs;

public sealed class JobAdmissionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly OrganizationInfo Organization = new("org_a", "A", 10, 100m,
        [new PhoneNumber("pn_1", "+12025550100", "agent_1", AgentArchitecture.Pipeline), new PhoneNumber("pn_2", "+12025550101", null, AgentArchitecture.Pipeline)]);

    private static bool AnyCaller(PhoneNumber caller) => true;

    private static CreateJobCommand Command(int contacts = 3, string caller = "pn_1", DateTimeOffset? startAt = null, string? fingerprint = null) =>
        new("Job", null, caller, 5, RetryPolicy.Default(3, retryOnVoicemail: false), 0, startAt, "UTC", true,
            [.. Enumerable.Range(0, contacts).Select(i => new ContactInput($"+1312555{i:0000}", null, null))], null, DryRun: false, fingerprint);

    [Theory]
    [InlineData("pn_9", 3, ErrorCodes.PhoneNumberNotFound)]
    [InlineData("pn_2", 3, ErrorCodes.NoOutboundAgent)]
    [InlineData("pn_1", 100_000, ErrorCodes.InsufficientCredits)]
    public void Refuses_what_the_organization_cannot_run(string caller, int contacts, string error)
    {
        var (job, result) = JobAdmission.Admit("org_a", Command(contacts, caller), Organization, AnyCaller, T0);

        Assert.Null(job);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void Refuses_a_caller_nothing_can_dial_from() =>
        Assert.Equal(ErrorCodes.NoDialer, JobAdmission.Admit("org_a", Command(), Organization, _ => false, T0).Result.Error);

    [Fact]
    public void Refuses_a_start_in_the_past_and_an_unknown_organization()
    {
        Assert.Equal(ErrorCodes.PastScheduledTime, JobAdmission.Admit("org_a", Command(startAt: T0), Organization, AnyCaller, T0).Result.Error);
        Assert.Equal(ErrorCodes.PhoneNumberNotFound, JobAdmission.Admit("org_a", Command(), null, AnyCaller, T0).Result.Error);
    }

    [Fact]
    public void Keeps_the_first_answer_only_for_a_keyed_create()
    {
        Assert.Null(JobAdmission.Admit("org_a", Command(), Organization, AnyCaller, T0).Job!.Created);
        var (keyed, answer) = JobAdmission.Admit("org_a", Command(fingerprint: "f1"), Organization, AnyCaller, T0);
        Assert.Equal(answer, keyed!.Created);
    }

    [Fact]
    public void A_repeated_create_gets_the_first_answer_within_a_day_under_the_same_key_and_request()
    {
        var first = Command(fingerprint: "f1");
        var (admitted, answer) = JobAdmission.Admit("org_a", first, Organization, AnyCaller, T0);
        var job = admitted!;

        Assert.Equal(answer, JobAdmission.Repeat(job, "org_a", first, T0.AddHours(23)));
        Assert.Equal(ErrorCodes.IdempotencyConflict, JobAdmission.Repeat(job, "org_a", first with { IdempotencyFingerprint = "f2" }, T0).Error);
        Assert.Equal(ErrorCodes.IdempotencyKeyExpired, JobAdmission.Repeat(job, "org_a", first, T0.AddHours(25)).Error);
        Assert.Equal(ErrorCodes.JobExists, JobAdmission.Repeat(job, "org_b", first, T0).Error);
        Assert.Equal(ErrorCodes.JobExists, JobAdmission.Repeat(job, "org_a", first with { IdempotencyFingerprint = null }, T0).Error);
    }
}
