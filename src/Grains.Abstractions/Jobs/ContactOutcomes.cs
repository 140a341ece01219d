using BatchCalling.Contacts;

namespace BatchCalling.Jobs;

/// <summary>How call outcomes map onto contact statuses, and which are paid for.</summary>
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
        CallOutcome.Voicemail => ContactStatus.Voicemail,
        CallOutcome.NotPlaced => ContactStatus.Cancelled,
        _ => ContactStatus.Failed,
    };

    /// <summary>Calls that connected are paid for: a person or a machine answered.</summary>
    public static bool IsConnected(CallOutcome outcome) => outcome is CallOutcome.Completed or CallOutcome.Voicemail;
}
