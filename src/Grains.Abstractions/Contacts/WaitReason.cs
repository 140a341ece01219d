namespace BatchCalling.Contacts;

/// <summary>
/// Why a contact that is not final waits past the time its retry delay allows (API.md <c>waitReason</c>). Stored by
/// number: new members go at the end.
/// </summary>
public enum WaitReason : byte
{
    /// <summary>Outside its calling window in its own local time: it waits for the window's next opening.</summary>
    CallingWindow,

    /// <summary>Its number was called as often as the organization's recipient cap allows, or is on the line in another job.</summary>
    RecipientCap,
}
