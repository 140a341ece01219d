using BatchCalling.Contacts;
using BatchCalling.Jobs;
using BatchCalling.Windows;
using Microsoft.Extensions.Time.Testing;

namespace BatchCalling.UnitTests.Windows;

/// <summary>
/// A job's board under the TCPA window (08:00–21:00 local), its contacts around the world, driven by a fake clock from
/// Saturday 7 March 2026 12:00 UTC, the eve of the United States' spring forward.
/// </summary>
public sealed class ContactBoardWindowTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 7, 12, 0, 0, TimeSpan.Zero);

    private static readonly ContactInput[] Contacts =
    [
        new("+12125550100", "Honolulu by its own field", """{"timezone":"Pacific/Honolulu"}"""),
        new("+12125550101", "New York", null),
        new("+16025550100", "Phoenix", null),
        new("+442079460000", "London", null),
        new("+922134567890", "Karachi", null),
        new("+61291234567", "Sydney", null),
        new("+18005550100", "toll-free: the job's zone, Chicago", null),
    ];

    private readonly FakeTimeProvider _clock = new(Start);

    private static DateTimeOffset Utc(int day, int hour, int minute = 0) => new(2026, 3, day, hour, minute, 0, TimeSpan.Zero);

    private static ContactBoard Board(ContactInput[] contacts, int retryDelaySeconds = 300, CallingWindow? window = null, ContactZoneGroups? groups = null) =>
        new(new ContactProgress[contacts.Length], RetryPolicy.Default(3, retryOnVoicemail: false), TimeSpan.FromSeconds(retryDelaySeconds),
            TimeSpan.FromHours(1), ContactWindows.Of(window ?? CallingWindowPresets.Tcpa, groups ?? ContactZoneGroups.Of(contacts), "America/Chicago"));

    private List<ContactDispatch> Round(ContactBoard board)
    {
        board.Advance(_clock.GetUtcNow());
        var taken = board.Take(10);
        taken.ForEach(d => board.MarkPlaced(d.Index, d.Attempt, _clock.GetUtcNow()));
        return taken;
    }

    [Fact]
    public void Only_contacts_inside_their_window_are_ready_the_others_wait_for_its_exact_opening()
    {
        var board = Board(Contacts);

        board.Advance(_clock.GetUtcNow());

        // 12:00 UTC is 12:00 in London and 17:00 in Karachi: only they may be called, and only they ask for a slot.
        Assert.Equal(2, board.ReadyCount);
        Assert.Equal([3, 4], board.Take(10).Select(d => d.Index));
        Assert.Equal(
            [Utc(7, 18), Utc(7, 13), Utc(7, 15), null, null, Utc(7, 21), Utc(7, 14)],
            Enumerable.Range(0, Contacts.Length).Select(i => board[i].NextAttemptAt));
        Assert.All([0, 1, 2, 5, 6], i => Assert.Equal((ContactStatus.Pending, WaitReason.CallingWindow), (board[i].Status, board[i].WaitReason)));
        Assert.Equal(Utc(7, 13), board.NextRetryAt);
    }

    [Fact]
    public void Each_contact_is_dialed_at_its_opening_in_turn()
    {
        var board = Board(Contacts);
        Round(board);
        var dialedAt = new Dictionary<int, DateTimeOffset>();

        // The clock moves opening by opening, never a second before: each contact is ready at its own.
        while (board.NextRetryAt is { } next)
        {
            _clock.Advance(next - _clock.GetUtcNow() - TimeSpan.FromSeconds(1));
            board.Advance(_clock.GetUtcNow());
            Assert.Equal(0, board.ReadyCount);
            _clock.Advance(TimeSpan.FromSeconds(1));
            Round(board).ForEach(d => dialedAt[d.Index] = _clock.GetUtcNow());
        }

        Assert.Equal(
            new Dictionary<int, DateTimeOffset> { [0] = Utc(7, 18), [1] = Utc(7, 13), [2] = Utc(7, 15), [5] = Utc(7, 21), [6] = Utc(7, 14) },
            dialedAt);
        Assert.All(dialedAt.Keys, i => Assert.Null(board[i].WaitReason));
    }

    [Fact]
    public void A_retry_outside_the_window_waits_for_the_next_day_opening_across_the_clock_change()
    {
        var newYork = Contacts[1..2];
        var board = Board(newYork, retryDelaySeconds: 300);
        _clock.Advance(Utc(8, 1, 50) - Start); // 20:50 EST on Saturday
        var dial = Round(board).Single();

        // No answer at 20:58 EST; 21:03 is outside the window, and the next morning is already summer time: 08:00 EDT.
        board.Apply(new AttemptReport(dial.Index, dial.Attempt, CallOutcome.NoAnswer, Utc(8, 1, 58), 30));

        Assert.Equal((ContactStatus.NoAnswer, Utc(8, 12), WaitReason.CallingWindow), (board[0].Status, board[0].NextAttemptAt, board[0].WaitReason));
        _clock.Advance(Utc(8, 12) - _clock.GetUtcNow());
        Assert.Equal(2, Round(board).Single().Attempt);
    }

    [Fact]
    public void Contacts_ready_when_their_window_closes_at_midnight_wait_for_the_next_opening()
    {
        // 20:00–00:00 in Karachi (UTC+5): it closes at midnight, 19:00 UTC.
        var karachi = Contacts[4..5];
        var board = Board(karachi, window: new CallingWindow(20 * 60, 0, WeekDays.All));
        _clock.Advance(Utc(7, 18, 59) - Start);
        board.Advance(_clock.GetUtcNow());
        Assert.Equal(1, board.ReadyCount);

        _clock.Advance(TimeSpan.FromMinutes(1));
        board.Advance(_clock.GetUtcNow());

        Assert.Equal((0, Utc(8, 15), WaitReason.CallingWindow), (board.ReadyCount, board[0].NextAttemptAt, board[0].WaitReason));
    }

    [Fact]
    public void A_contact_whose_zones_never_share_an_open_moment_ends_blocked()
    {
        var groups = new ContactZoneGroups { Keys = ["Asia/Karachi,Pacific/Honolulu", "Asia/Karachi"], GroupOf = [0, 1] };
        var board = Board(Contacts[..2], window: new CallingWindow(9 * 60, 10 * 60, WeekDays.All), groups: groups);

        board.Advance(_clock.GetUtcNow());

        Assert.Equal((ContactStatus.Blocked, EndReason.NoCallingWindow), (board[0].Status, board[0].EndReason));
        Assert.Equal("no_calling_window", JobViews.FailureReason(board[0]));
        Assert.Equal([0], board.TakeFinalized());
        Assert.Equal((1, Utc(8, 4), "calling_window"), (board.FinalCount, board[1].NextAttemptAt, JobViews.WaitReasonOf(board[1])));
    }
}
