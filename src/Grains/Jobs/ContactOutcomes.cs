using BatchCalling.Contacts;

namespace BatchCalling.Jobs;

/// <summary>How call outcomes map onto contact statuses and the retry rule.</summary>
public static class ContactOutcomes
{
    public static ContactStatus ToStatus(CallOutcome outcome) => outcome switch
    {
        CallOutcome.Completed => ContactStatus.Completed,
        CallOutcome.NoAnswer => ContactStatus.NoAnswer,
        CallOutcome.Busy => ContactStatus.Busy,
        CallOutcome.Timeout => ContactStatus.Timeout,
        CallOutcome.Blocked => ContactStatus.Blocked,
        CallOutcome.InvalidNumber => ContactStatus.InvalidNumber,
        CallOutcome.CarrierError => ContactStatus.CarrierError,
        _ => ContactStatus.Failed,
    };

    /// <summary>no_answer, busy and timeout are retried while attempts remain; every other outcome is final.</summary>
    public static bool IsRetryable(CallOutcome outcome) =>
        outcome is CallOutcome.NoAnswer or CallOutcome.Busy or CallOutcome.Timeout;
}
