namespace BatchCalling.Contacts;

/// <summary>How one call attempt ended, as the dialer reports it.</summary>
public enum CallOutcome : byte
{
    Completed,
    NoAnswer,
    Busy,
    Timeout,
    Failed,
    Blocked,
    InvalidNumber,
    CarrierError,
}
