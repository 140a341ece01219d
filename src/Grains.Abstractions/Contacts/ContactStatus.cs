namespace BatchCalling.Contacts;

/// <summary>Where one contact stands (API.md "Contact statuses"). Stored by number: new members go at the end.</summary>
public enum ContactStatus : byte
{
    Pending,
    Queued,
    Dialing,
    NoAnswer,
    Busy,
    Timeout,
    Completed,
    Failed,
    Blocked,
    InvalidNumber,
    CarrierError,
    Cancelled,
    Voicemail,
}
