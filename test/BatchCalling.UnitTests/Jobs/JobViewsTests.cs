using BatchCalling.Contacts;
using BatchCalling.Jobs;

namespace BatchCalling.UnitTests.Jobs;

public sealed class JobViewsTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(5, 2, 5, 6)]
    [InlineData(5, 10, 5, 2)]
    [InlineData(5, 0, 11, 6)]
    [InlineData(5, 10, 0, 0)]
    public void The_estimated_completion_is_rounds_of_two_minute_calls_at_the_effective_concurrency(
        int jobLimit, int organizationLimit, int remaining, int minutes) =>
        Assert.Equal(Now.AddMinutes(minutes),
            JobViews.EstimatedCompletion(new JobState { ConcurrentCallLimit = jobLimit, OrganizationConcurrencyLimit = organizationLimit }, remaining, Now));

    [Theory]
    [InlineData(ContactStatus.Completed, CallOutcome.Completed, null, null)]
    [InlineData(ContactStatus.Busy, CallOutcome.Busy, null, "busy")]
    [InlineData(ContactStatus.Busy, CallOutcome.Busy, 60, null)]
    [InlineData(ContactStatus.Cancelled, null, null, "job_cancelled")]
    [InlineData(ContactStatus.Failed, CallOutcome.Failed, null, "failed")]
    [InlineData(ContactStatus.Dialing, null, null, null)]
    public void A_contact_says_why_it_ended_without_a_completed_call(ContactStatus status, CallOutcome? outcome, int? retryInSeconds, string? reason) =>
        Assert.Equal(reason, JobViews.FailureReason(new ContactProgress
        {
            Status = status, LastOutcome = outcome, NextAttemptAt = retryInSeconds is { } s ? Now.AddSeconds(s) : null,
        }));

    [Fact]
    public void Counts_stored_under_the_old_name_of_dialing_are_shown_under_the_new_one()
    {
        var job = new JobState { TotalContacts = 3, StatusCounts = new() { ["in_progress"] = 2, ["pending"] = 1 } };

        var detail = JobViews.Detail("batch_1", job, null, new ContactPage(0, []), Now);

        Assert.Equal(new Dictionary<string, int> { ["dialing"] = 2, ["pending"] = 1 }, detail.ContactStatusCounts);
    }
}
