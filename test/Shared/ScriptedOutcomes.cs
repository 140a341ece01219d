using BatchCalling.Contacts;
using BatchCalling.Jobs;

namespace BatchCalling.Testing;

/// <summary>
/// The outcomes a contact's calls are scripted to have, by attempt (the last repeats), as its <c>simulatedOutcomes</c>
/// field tells the platform; and what the cluster must make of them under the default retry policy.
/// </summary>
public record ScriptedOutcomes(CallOutcome[] Outcomes)
{
    public virtual string Field => string.Join(',', Outcomes.Select(WireNames.Of));

    public CallOutcome OutcomeOf(int attempt) => Outcomes[Math.Min(attempt, Outcomes.Length) - 1];

    /// <summary>How many calls the script takes under the default retry policy of <paramref name="maxAttempts"/>.</summary>
    public int Attempts(int maxAttempts)
    {
        var policy = RetryPolicy.Default(maxAttempts, retryOnVoicemail: false);
        var attempts = 1;
        for (; attempts < maxAttempts && policy.Retries(OutcomeOf(attempts)); attempts++)
        {
        }

        return attempts;
    }

    public string FinalStatus(int maxAttempts) => WireNames.Of(ContactOutcomes.ToStatus(OutcomeOf(Attempts(maxAttempts))));
}
