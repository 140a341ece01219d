namespace BatchCalling.Contacts;

/// <summary>Where one contact stands (API.md "Contact statuses").</summary>
public enum ContactStatus : byte
{
    Pending,
    Queued,
    InProgress,
    NoAnswer,
    Busy,
    Timeout,
    Completed,
    Failed,
    Blocked,
    InvalidNumber,
    CarrierError,
    Cancelled,
}
