using BatchCalling.Contacts;
using BatchCalling.Jobs;

namespace BatchCalling.UnitTests.Jobs;

/// <summary>A job's progress over time, rebuilt from when its contacts became final.</summary>
public sealed class JobTimelineTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 15, 0, 0, TimeSpan.Zero);

    private static ContactProgress Final(ContactStatus status, int secondsAfterStart) =>
        new() { Status = status, Attempts = 1, CompletedAt = Start.AddSeconds(secondsAfterStart) };

    [Fact]
    public void Each_point_counts_the_contacts_final_by_its_time_and_the_completed_among_them()
    {
        ContactProgress[] contacts =
        [
            Final(ContactStatus.Completed, 10), Final(ContactStatus.Failed, 30), Final(ContactStatus.Completed, 60),
            Final(ContactStatus.Completed, 100), new() { Status = ContactStatus.Pending },
            // Waiting for a retry: not final, whatever its times say.
            new() { Status = ContactStatus.NoAnswer, Attempts = 1, NextAttemptAt = Start.AddSeconds(500), CompletedAt = Start.AddSeconds(20) },
        ];

        var timeline = JobTimeline.Of(contacts, Start, Start.AddSeconds(100), 5);

        Assert.Equal([0, 25, 50, 75, 100], timeline.Select(p => (int)(p.At - Start).TotalSeconds));
        Assert.Equal([0, 1, 2, 3, 4], timeline.Select(p => p.ContactsProcessed));
        Assert.Equal([0, 1, 1, 2, 3], timeline.Select(p => p.SuccessfulCalls));
    }

    [Fact]
    public void A_contact_on_a_point_counts_there_and_one_without_a_time_counts_at_the_end()
    {
        ContactProgress[] contacts = [Final(ContactStatus.Completed, 50), new() { Status = ContactStatus.Cancelled }, Final(ContactStatus.Blocked, -5)];

        var timeline = JobTimeline.Of(contacts, Start, Start.AddSeconds(100), 3);

        Assert.Equal([1, 2, 3], timeline.Select(p => p.ContactsProcessed));
    }

    [Fact]
    public void A_job_that_ended_as_it_started_has_every_final_contact_at_both_points()
    {
        var timeline = JobTimeline.Of([Final(ContactStatus.Cancelled, 0)], Start, Start, 2);

        Assert.Equal([(Start, 1), (Start, 1)], timeline.Select(p => (p.At, p.ContactsProcessed)));
    }
}
