using BatchCalling.Contacts;

namespace BatchCalling.Jobs;

/// <summary>How often a contact is tried, and which outcomes earn another attempt (API.md "Retries", <c>retryPolicy</c>).</summary>
[GenerateSerializer, Immutable, Alias("batch.retry-policy")]
public sealed record RetryPolicy(
    [property: Id(0)] int MaxAttempts,
    [property: Id(1)] IReadOnlyList<CallOutcome> RetryableOutcomes)
{
    /// <summary>The outcomes a policy may retry; every other outcome is final.</summary>
    public static readonly IReadOnlyList<CallOutcome> Retryable = [CallOutcome.NoAnswer, CallOutcome.Busy, CallOutcome.Timeout, CallOutcome.Voicemail];

    /// <summary>The default: no_answer, busy and timeout, plus voicemail when asked for.</summary>
    public static RetryPolicy Default(int maxAttempts, bool retryOnVoicemail) =>
        new(maxAttempts, [.. Retryable.Where(o => o != CallOutcome.Voicemail || retryOnVoicemail)]);

    public bool Retries(CallOutcome outcome) => RetryableOutcomes.Contains(outcome);
}
