using BatchCalling.Contacts;
using BatchCalling.Dialing;

namespace BatchCalling.UnitTests.Dialing;

/// <summary>API.md's table of outcomes, row by row, for the webhook protocol's statuses and Twilio's.</summary>
public sealed class CallEventMappingTests
{
    [Theory]
    [InlineData("completed", null, null, CallOutcome.Completed, null)]
    [InlineData("completed", null, "human", CallOutcome.Completed, null)]
    [InlineData("completed", null, "machine_end_beep", CallOutcome.Voicemail, null)]
    [InlineData("completed", null, "fax", CallOutcome.Voicemail, null)]
    [InlineData("voicemail", null, "machine", CallOutcome.Voicemail, null)]
    [InlineData("no_answer", 480, null, CallOutcome.NoAnswer, "480")]
    [InlineData("no-answer", null, null, CallOutcome.NoAnswer, null)]
    [InlineData("busy", null, null, CallOutcome.Busy, "486")]
    [InlineData("busy", 600, null, CallOutcome.Busy, "600")]
    [InlineData("timeout", null, null, CallOutcome.Timeout, null)]
    [InlineData("failed", 404, null, CallOutcome.InvalidNumber, "404")]
    [InlineData("failed", 484, null, CallOutcome.InvalidNumber, "484")]
    [InlineData("failed", 410, null, CallOutcome.InvalidNumber, "410")]
    [InlineData("failed", 603, null, CallOutcome.Failed, "603")]
    [InlineData("failed", 500, null, CallOutcome.Failed, "500")]
    [InlineData("failed", null, null, CallOutcome.Failed, null)]
    [InlineData("canceled", null, null, CallOutcome.Failed, "canceled")]
    public void A_final_status_is_an_outcome_and_a_code(string status, int? sipCode, string? answeredBy, CallOutcome outcome, string? errorCode)
    {
        Assert.True(CallEventMapping.TryRead(status, sipCode, answeredBy, 42.5, null, out var end));

        Assert.Equal(outcome, end!.Outcome);
        Assert.Equal(errorCode, end.ErrorCode);
    }

    [Theory]
    [InlineData("completed", 42.5)]
    [InlineData("voicemail", 42.5)]
    [InlineData("busy", 0)]
    [InlineData("no_answer", 0)]
    public void Only_a_call_that_connected_keeps_its_duration(string status, double seconds)
    {
        CallEventMapping.TryRead(status, null, null, 42.5, null, out var end);

        Assert.Equal(seconds, end!.DurationSeconds);
    }

    [Theory]
    [InlineData("queued")]
    [InlineData("initiated")]
    [InlineData("ringing")]
    [InlineData("answered")]
    [InlineData("in-progress")]
    public void A_status_on_the_way_ends_nothing(string status)
    {
        Assert.True(CallEventMapping.TryRead(status, null, null, 0, null, out var end));
        Assert.Null(end);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("COMPLETED")]
    [InlineData("hung_up")]
    public void An_unknown_status_is_not_read(string? status) => Assert.False(CallEventMapping.TryRead(status, null, null, 0, null, out _));
}
