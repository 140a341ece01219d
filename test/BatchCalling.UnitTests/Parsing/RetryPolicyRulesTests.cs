using BatchCalling.Contacts;
using BatchCalling.Jobs;
using BatchCalling.Gateway.Parsing;

namespace BatchCalling.UnitTests.Parsing;

public sealed class RetryPolicyRulesTests
{
    private static (string Policy, string? Error) Read(string? json, int? maxAttempts = null, bool? retryOnVoicemail = null)
    {
        var errors = new Dictionary<string, string[]>();
        var policy = RetryPolicyRules.Read(errors, json, maxAttempts, retryOnVoicemail);
        return (policy is null ? "" : $"{policy.MaxAttempts}:{string.Join(',', policy.RetryableOutcomes.Select(WireNames.Of))}",
            errors.Keys.SingleOrDefault());
    }

    [Theory]
    [InlineData(null, null, null, "3:no_answer,busy,timeout")]
    [InlineData(null, 5, true, "5:no_answer,busy,timeout,voicemail")]
    [InlineData("""{"maxAttempts":2}""", null, null, "2:no_answer,busy,timeout")]
    [InlineData("""{"maxAttempts":2}""", 2, null, "2:no_answer,busy,timeout")]
    [InlineData("""{"retryableStatuses":["voicemail","busy","busy"]}""", 4, true, "4:busy,voicemail")]
    [InlineData("""{"retryableStatuses":[]}""", null, null, "3:")]
    [InlineData("""{}""", null, true, "3:no_answer,busy,timeout,voicemail")]
    public void Policies_and_the_older_fields_agree(string? json, int? maxAttempts, bool? retryOnVoicemail, string expected) =>
        Assert.Equal((expected, (string?)null), Read(json, maxAttempts, retryOnVoicemail));

    [Theory]
    [InlineData("""{"maxAttempts":0}""")]
    [InlineData("""{"maxAttempts":11}""")]
    [InlineData("""{"maxAttempts":2.5}""")]
    [InlineData("""{"retryableStatuses":["failed"]}""")]
    [InlineData("""{"retryableStatuses":["No_Answer"]}""")]
    [InlineData("""{"retryableStatuses":"busy"}""")]
    [InlineData("""{"retryableStatuses":[1]}""")]
    [InlineData("""{"maxAttempts":2,"extra":true}""")]
    [InlineData("""null""")]
    [InlineData("""{"maxAttempts":""")]
    public void Malformed_policies_are_refused(string json) =>
        Assert.Equal(("", "retryPolicy"), Read(json));

    [Fact]
    public void Contradicting_fields_are_refused()
    {
        Assert.Equal(("", "retryPolicy"), Read("""{"maxAttempts":2}""", maxAttempts: 3));
        Assert.Equal(("", "retryPolicy"), Read("""{"retryableStatuses":["busy"]}""", retryOnVoicemail: true));
        Assert.Equal(("", "retryPolicy"), Read("""{"retryableStatuses":["voicemail"]}""", retryOnVoicemail: false));
    }

    [Fact]
    public void Only_listed_outcomes_are_retried()
    {
        var policy = new RetryPolicy(3, [CallOutcome.Busy]);

        Assert.Equal([false, true, false, false],
            new[] { CallOutcome.NoAnswer, CallOutcome.Busy, CallOutcome.Completed, CallOutcome.Voicemail }.Select(policy.Retries));
    }
}
