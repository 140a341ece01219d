using BatchCalling.Contacts;
using BatchCalling.Jobs;

namespace BatchCalling.UnitTests.Jobs;

/// <summary>What the board does with a dial the organization's rules refused: blocked for good, or waiting with a reason.</summary>
public sealed class ContactBoardRecipientTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ContactBoard Board(int contacts) =>
        new(new ContactProgress[contacts], RetryPolicy.Default(3, retryOnVoicemail: false), TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(31));

    [Fact]
    public void A_contact_on_the_do_not_call_list_ends_blocked_with_its_reason_and_no_attempt()
    {
        var board = Board(2);
        board.Advance(T0);
        var d = board.Take(1)[0];

        board.EndBlocked(d, EndReason.DoNotCall);

        Assert.Equal((ContactStatus.Blocked, 0, T0), (board[0].Status, board[0].Attempts, board[0].CompletedAt));
        Assert.Equal("do_not_call", JobViews.FailureReason(board[0]));
        Assert.Equal((0, 1, 1), (board.InFlight, board.FinalCount, board.Failed));
        Assert.Equal([0], board.TakeFinalized());
    }

    [Fact]
    public void A_stale_refusal_changes_nothing()
    {
        var board = Board(1);
        var d = board.Take(1)[0];
        board.Apply(new AttemptReport(0, 1, CallOutcome.Completed, T0, 1));

        board.EndBlocked(d, EndReason.DoNotCall);

        Assert.Equal(ContactStatus.Completed, board[0].Status);
    }

    [Fact]
    public void A_contact_over_the_recipient_cap_waits_with_its_reason_until_its_next_dial()
    {
        var board = Board(1);
        var d = board.Take(1)[0];

        board.Defer(d, T0.AddHours(3), WaitReason.RecipientCap);

        Assert.Equal((ContactStatus.Pending, 0, T0.AddHours(3)), (board[0].Status, board[0].Attempts, board[0].NextAttemptAt));
        Assert.Equal("recipient_cap", JobViews.WaitReasonOf(board[0]));
        Assert.Equal(0, board.InFlight);
        board.Advance(T0.AddHours(3));
        board.Take(1);
        Assert.Null(board[0].WaitReason);
    }
}
