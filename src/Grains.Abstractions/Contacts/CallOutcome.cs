namespace BatchCalling.Contacts;

/// <summary>How one call attempt ended, as the dialer reports it. Stored by number: new members go at the end.</summary>
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
    Voicemail,

    /// <summary>Never placed: its job stopped (cancelled, failed) before the dialer got the call.</summary>
    NotPlaced,
}
