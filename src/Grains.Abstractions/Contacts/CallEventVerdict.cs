namespace BatchCalling.Contacts;

/// <summary>What became of a call event; each maps to one HTTP answer.</summary>
public enum CallEventVerdict : byte
{
    /// <summary>Applied, or already known (events are idempotent).</summary>
    Accepted,

    /// <summary>A bad signature, or a timestamp outside the tolerance.</summary>
    Unauthorized,

    /// <summary>No such call.</summary>
    UnknownCall,

    /// <summary>Signed, but not an event this dialer understands.</summary>
    Malformed,
}
