using BatchCalling.Contacts;
using BatchCalling.Jobs;

namespace BatchCalling.UnitTests.Jobs;

public sealed class ContactBoardTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Reask = TimeSpan.FromMinutes(31);

    private static ContactBoard Board(int contacts, int maxAttempts = 3, int retryDelaySeconds = 60) =>
        new(new ContactProgress[contacts], RetryPolicy.Default(maxAttempts, retryOnVoicemail: false), TimeSpan.FromSeconds(retryDelaySeconds), Reask);

    private static void Dial(ContactBoard board, ContactDispatch d) => board.MarkPlaced(d.Index, d.Attempt, T0);

    private static AttemptReport Ended(ContactDispatch d, CallOutcome outcome, DateTimeOffset? at = null) =>
        new(d.Index, d.Attempt, outcome, at ?? T0, 1);

    [Fact]
    public void Takes_contacts_in_upload_order_up_to_the_grant()
    {
        var board = Board(5);

        var taken = board.Take(3);

        Assert.Equal([0, 1, 2], taken.Select(d => d.Index));
        Assert.All(taken, d => Assert.Equal((1, true), (d.Attempt, d.IsFirstDial)));
        Assert.Equal(3, board.InFlight);
        Assert.Equal(2, board.ReadyCount);
    }

    [Fact]
    public void The_contacts_made_final_are_taken_once_in_the_order_they_became_final()
    {
        var board = Board(4, maxAttempts: 2);
        var taken = board.Take(2);
        taken.ForEach(d => Dial(board, d));

        board.Apply(Ended(taken[1], CallOutcome.Completed));
        board.Apply(Ended(taken[0], CallOutcome.NoAnswer));
        Assert.Equal([1], board.TakeFinalized());
        Assert.Empty(board.TakeFinalized());

        board.CancelRemaining();
        Assert.Equal([0, 2, 3], board.TakeFinalized());
    }

    [Fact]
    public void A_retryable_outcome_waits_the_retry_delay_then_comes_back_first()
    {
        var board = Board(3, retryDelaySeconds: 60);
        var first = board.Take(1)[0];
        Dial(board, first);

        Assert.True(board.Apply(Ended(first, CallOutcome.NoAnswer)));
        Assert.Equal(ContactStatus.NoAnswer, board[0].Status);
        Assert.Equal(T0.AddSeconds(60), board[0].NextAttemptAt);
        Assert.False(board[0].IsFinal);

        board.Advance(T0.AddSeconds(59));
        Assert.Equal([1], board.Take(1).Select(d => d.Index));
        board.Advance(T0.AddSeconds(60));
        var retry = board.Take(1)[0];
        Assert.Equal((0, 2, false), (retry.Index, retry.Attempt, retry.IsFirstDial));
    }

    [Fact]
    public void The_policy_decides_which_outcomes_come_back_and_a_final_one_records_when_and_how_long()
    {
        var board = new ContactBoard(new ContactProgress[2], new RetryPolicy(3, [CallOutcome.Voicemail]), TimeSpan.Zero, Reask);
        var taken = board.Take(2);
        taken.ForEach(d => Dial(board, d));

        board.Apply(new AttemptReport(0, 1, CallOutcome.Busy, T0.AddSeconds(5), 4.5));
        board.Apply(new AttemptReport(1, 1, CallOutcome.Voicemail, T0.AddSeconds(7), 30));

        Assert.Equal((ContactStatus.Busy, true, T0.AddSeconds(5), 4.5), (board[0].Status, board[0].IsFinal, board[0].CompletedAt, board[0].LastCallSeconds));
        Assert.Equal((ContactStatus.Voicemail, false, null, T0.AddSeconds(7)), (board[1].Status, board[1].IsFinal, board[1].CompletedAt, board[1].NextAttemptAt));
        Assert.Equal((1, 1), (board.FinalCount, board.Failed));
    }

    [Fact]
    public void The_last_allowed_attempt_is_final_whatever_its_outcome()
    {
        var board = Board(1, maxAttempts: 2, retryDelaySeconds: 0);
        foreach (var outcome in new[] { CallOutcome.Busy, CallOutcome.Timeout })
        {
            board.Advance(T0);
            var d = board.Take(1)[0];
            Dial(board, d);
            board.Apply(Ended(d, outcome));
        }

        Assert.Equal(ContactStatus.Timeout, board[0].Status);
        Assert.True(board[0].IsFinal);
        Assert.Equal(2, board[0].Attempts);
        Assert.True(board.IsFinished);
        Assert.Equal((1, 0), (board.Failed, board.Successful));
    }

    [Theory]
    [InlineData(CallOutcome.Completed, ContactStatus.Completed)]
    [InlineData(CallOutcome.Failed, ContactStatus.Failed)]
    [InlineData(CallOutcome.Blocked, ContactStatus.Blocked)]
    [InlineData(CallOutcome.InvalidNumber, ContactStatus.InvalidNumber)]
    [InlineData(CallOutcome.CarrierError, ContactStatus.CarrierError)]
    public void Other_outcomes_are_final_at_once(CallOutcome outcome, ContactStatus status)
    {
        var board = Board(1);
        var d = board.Take(1)[0];
        Dial(board, d);
        board.Apply(Ended(d, outcome));

        Assert.Equal(status, board[0].Status);
        Assert.Null(board[0].NextAttemptAt);
        Assert.True(board.IsFinished);
    }

    [Fact]
    public void Applying_the_same_report_twice_changes_nothing()
    {
        var board = Board(2);
        var d = board.Take(1)[0];
        Dial(board, d);

        Assert.True(board.Apply(Ended(d, CallOutcome.Completed)));
        var counts = board.CountsSnapshot();
        Assert.False(board.Apply(Ended(d, CallOutcome.Completed)));
        Assert.False(board.Apply(Ended(d with { Attempt = 7 }, CallOutcome.Busy)));
        Assert.Equal(counts, board.CountsSnapshot());
        Assert.Equal(1, board.FinalCount);
    }

    [Fact]
    public void Cancel_takes_every_contact_not_on_a_call_and_a_call_ending_later_that_would_be_retried_ends_cancelled()
    {
        var board = Board(5, retryDelaySeconds: 0);
        var onCall = board.Take(3);
        onCall.ForEach(d => Dial(board, d));
        board.Apply(Ended(onCall[0], CallOutcome.NoAnswer));

        Assert.Equal(3, board.CancelRemaining());

        board.Apply(Ended(onCall[1], CallOutcome.NoAnswer));
        board.Apply(Ended(onCall[2], CallOutcome.Completed));
        Assert.Equal((ContactStatus.Cancelled, ContactStatus.Completed), (board[1].Status, board[2].Status));
        Assert.Equal(CallOutcome.NoAnswer, board[1].LastOutcome);
        Assert.Equal(4, board.Count(ContactStatus.Cancelled));
        Assert.Empty(board.Take(10));
        Assert.True(board.IsFinished);
        Assert.Equal((1, 0), (board.Successful, board.Failed));
    }

    [Fact]
    public void A_contact_cancelled_alone_leaves_the_queues_at_once_and_one_on_a_call_ends_cancelled_only_if_it_would_be_retried()
    {
        var board = Board(4, retryDelaySeconds: 0);
        var onCall = board.Take(2);
        onCall.ForEach(d => Dial(board, d));

        Assert.True(board.CancelOne(3));
        Assert.True(board.CancelOne(0));
        Assert.True(board.CancelOne(1));
        Assert.False(board.CancelOne(3));

        Assert.Equal((ContactStatus.Cancelled, EndReason.ContactCancelled), (board[3].Status, board[3].EndReason));
        Assert.Equal(1, board.ReadyCount);
        Assert.Equal([2], board.Take(10).Select(d => d.Index));
        board.Apply(Ended(onCall[0], CallOutcome.Busy));
        board.Apply(Ended(onCall[1], CallOutcome.Failed));
        Assert.Equal((ContactStatus.Cancelled, EndReason.ContactCancelled), (board[0].Status, board[0].EndReason));
        Assert.Equal((ContactStatus.Failed, null), (board[1].Status, board[1].EndReason));
        Assert.Null(board.NextRetryAt);
    }

    [Fact]
    public void A_waiting_retry_cancelled_alone_is_never_taken()
    {
        var board = Board(1, retryDelaySeconds: 60);
        var first = board.Take(1).Single();
        Dial(board, first);
        board.Apply(Ended(first, CallOutcome.NoAnswer));
        Assert.NotNull(board.NextRetryAt);

        Assert.True(board.CancelOne(0));

        Assert.Null(board.NextRetryAt);
        board.Advance(DateTimeOffset.MaxValue);
        Assert.Empty(board.Take(1));
        Assert.True(board.IsFinished);
    }

    [Fact]
    public void Expiry_cancels_what_waits_as_expired_and_a_call_ending_after_it_that_would_be_retried_too()
    {
        var board = Board(3, retryDelaySeconds: 0);
        var onCall = board.Take(1).Single();
        Dial(board, onCall);

        Assert.Equal(2, board.CancelRemaining(EndReason.Expired));
        board.Apply(Ended(onCall, CallOutcome.NoAnswer));

        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal((ContactStatus.Cancelled, EndReason.Expired), (board[i].Status, board[i].EndReason)));
        Assert.True(board.IsFinished);
    }

    [Fact]
    public void Cancel_keeps_a_dial_of_unknown_fate_in_flight_and_only_asks_for_its_outcome()
    {
        var board = Board(4);
        var taken = board.Take(2);
        Dial(board, taken[0]);
        board.AskAgain(taken[1]); // its dial timed out: the call may be on the line

        Assert.Equal(2, board.CancelRemaining());

        Assert.Equal(2, board.InFlight);
        Assert.True(board.IsStopped);
        Assert.Equal([1], board.TakeReconcile().Select(d => d.Index));
        Assert.True(board.Apply(Ended(taken[1], CallOutcome.NotPlaced)));
        Assert.Equal(ContactStatus.Cancelled, board[1].Status);
        Assert.Equal(3, board.Count(ContactStatus.Cancelled));
    }

    [Fact]
    public void A_contact_without_an_outcome_for_longer_than_any_call_is_asked_again()
    {
        var board = Board(2);
        board.Advance(T0);
        var taken = board.Take(2);
        taken.ForEach(d => Dial(board, d));
        board.Apply(Ended(taken[1], CallOutcome.Completed));

        board.Advance(T0 + Reask - TimeSpan.FromSeconds(1));
        Assert.Empty(board.TakeReconcile());
        board.Advance(T0 + Reask);
        Assert.Equal([(0, 1)], board.TakeReconcile().Select(d => (d.Index, d.Attempt)));
        board.Advance(T0 + Reask * 2 - TimeSpan.FromSeconds(1));
        Assert.Empty(board.TakeReconcile());
        board.Advance(T0 + Reask * 2);
        Assert.Equal([0], board.TakeReconcile().Select(d => d.Index));
    }

    [Fact]
    public void A_dial_never_sent_goes_back_unchanged_and_frees_its_slot()
    {
        var board = Board(1);
        var d = board.Take(1)[0];

        board.Undo(d);

        Assert.Equal(ContactStatus.Pending, board[0].Status);
        Assert.Equal(0, board.InFlight);
        Assert.Equal(d.Attempt, board.Take(1)[0].Attempt);
    }

    [Fact]
    public void A_dial_the_platform_did_not_place_frees_its_slot_and_comes_back_as_the_same_attempt_when_asked()
    {
        var board = Board(2, retryDelaySeconds: 0);
        var first = board.Take(1)[0];
        Dial(board, first);
        board.Apply(Ended(first, CallOutcome.Busy));
        board.Advance(T0);
        var retry = board.Take(1)[0];
        Assert.Equal((0, 2), (retry.Index, retry.Attempt));

        board.Defer(retry, T0.AddSeconds(7));

        Assert.Equal((ContactStatus.Busy, 1, T0.AddSeconds(7)), (board[0].Status, board[0].Attempts, board[0].NextAttemptAt));
        Assert.Equal(0, board.InFlight);
        Assert.False(board[0].IsFinal);
        board.Advance(T0.AddSeconds(6));
        Assert.Equal([1], board.Take(1).Select(d => d.Index));
        board.Advance(T0.AddSeconds(7));
        Assert.Equal([(0, 2)], board.Take(1).Select(d => (d.Index, d.Attempt)));
    }

    [Fact]
    public void A_dial_not_placed_after_the_job_stopped_is_cancelled_never_retried()
    {
        var board = Board(1);
        var d = board.Take(1)[0];
        board.Stop();

        board.Defer(d, T0.AddSeconds(5));

        Assert.Equal((ContactStatus.Cancelled, 0), (board[0].Status, board[0].Attempts));
        Assert.True(board.IsFinished);
    }

    [Fact]
    public void A_dial_of_unknown_fate_keeps_its_slot_and_asks_the_same_attempt_again()
    {
        var board = Board(2);
        var d = board.Take(1)[0];

        board.AskAgain(d);

        Assert.Equal(1, board.InFlight);
        Assert.Equal([(0, 1, false)], board.TakeReconcile().Select(r => (r.Index, r.Attempt, r.IsFirstDial)));
        Assert.Equal([1], board.Take(5).Select(r => r.Index));
    }

    [Fact]
    public void A_board_loaded_with_calls_in_flight_asks_for_them_again_without_new_slots()
    {
        var saved = new ContactProgress[3];
        saved[0] = new ContactProgress { Status = ContactStatus.Dialing, Attempts = 2 };
        saved[1] = new ContactProgress { Status = ContactStatus.Completed, Attempts = 1 };
        saved[2] = new ContactProgress { Status = ContactStatus.Busy, Attempts = 1, NextAttemptAt = T0 };
        var board = new ContactBoard(saved, RetryPolicy.Default(3, retryOnVoicemail: false), TimeSpan.Zero, Reask);

        Assert.Equal(0, board.ReadyCount);
        Assert.Equal([(0, 2)], board.TakeReconcile().Select(d => (d.Index, d.Attempt)));
        board.Advance(T0);
        Assert.Equal([(2, 2)], board.Take(5).Select(d => (d.Index, d.Attempt)));
        Assert.Equal(1, board.FinalCount);
    }

    [Fact]
    public void Only_changed_chunks_are_handed_out_for_writing()
    {
        var board = Board(ContactBoard.ChunkSize * 2 + 5);
        Assert.False(board.HasChanges);

        board.Take(1);
        var chunks = board.TakeDirtyChunks().ToList();

        Assert.Equal([0], chunks.Select(c => c.Chunk));
        Assert.Equal(ContactBoard.ChunkSize, chunks[0].Contacts.Length);
        Assert.False(board.HasChanges);
    }

    [Fact]
    public void What_connected_calls_lasted_is_kept_with_their_outcomes_and_read_back_with_them()
    {
        var board = Board(3, retryDelaySeconds: 0);
        var first = board.Take(3);
        board.Apply(Ended(first[0], CallOutcome.Completed) with { DurationSeconds = 0.5 });
        board.Apply(Ended(first[1], CallOutcome.Voicemail) with { DurationSeconds = 0.7 });
        board.Apply(Ended(first[2], CallOutcome.Busy) with { DurationSeconds = 9 }); // not connected: costs nothing
        board.Apply(Ended(first[1], CallOutcome.Completed) with { DurationSeconds = 0.7 }); // a repeat changes nothing

        Assert.Equal(1200, board.ConnectedMilliseconds);
        // A board loaded from its saved progress, wherever the job record stood, costs what its contacts cost.
        var saved = Enumerable.Range(0, 3).Select(i => board[i]).ToArray();
        Assert.Equal(1200, new ContactBoard(saved, RetryPolicy.Default(3, retryOnVoicemail: false), TimeSpan.Zero, Reask).ConnectedMilliseconds);
    }

    [Fact]
    public void The_in_flight_record_names_every_contact_that_may_be_on_a_call()
    {
        var board = Board(5, retryDelaySeconds: 0);
        var taken = board.Take(3);
        Dial(board, taken[0]);
        board.Apply(Ended(taken[0], CallOutcome.Completed));

        var record = board.InFlightRecord();

        Assert.Equal([(1, 1), (2, 1)], record.Indices.Zip(record.Attempts).Order());
    }
}
