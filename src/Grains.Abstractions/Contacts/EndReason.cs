namespace BatchCalling.Contacts;

/// <summary>
/// Why a contact ended without its job's calls deciding it (API.md <c>failureReason</c>); a contact with none ended by
/// its last call or by its job's cancel. Stored by number: new members go at the end.
/// </summary>
public enum EndReason : byte
{
    /// <summary>The job's <c>endAt</c> passed before the contact was final.</summary>
    Expired,

    /// <summary>The number is on the organization's do-not-call list: no call was placed.</summary>
    DoNotCall,

    /// <summary>The contact's zones never share an open moment of the calling window.</summary>
    NoCallingWindow,

    /// <summary>The contact alone was cancelled by the user.</summary>
    ContactCancelled,
}
