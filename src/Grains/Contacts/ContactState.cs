namespace BatchCalling.Contacts;

/// <summary>A contact's stored dialing history; written before each call is placed and when it ends.</summary>
[GenerateSerializer, Alias("batch.contact-state")]
public sealed class ContactState
{
    [Id(0)] public List<CallAttempt> Calls { get; set; } = [];

    /// <summary>The organization and caller number the contact is dialed from, which pick its dialer (empty: the default).</summary>
    [Id(1)] public string OrganizationId { get; set; } = "";

    [Id(2)] public string PhoneNumberId { get; set; } = "";

    /// <summary>
    /// The numbers the contact is called at and from: a platform that keys no call by our call id (Twilio) is asked for the
    /// calls between them, should an attempt's provider id be unknown (a dial of unknown fate, a silo lost since).
    /// </summary>
    [Id(3)] public string To { get; set; } = "";

    [Id(4)] public string From { get; set; } = "";

    /// <summary>What the contact's job asked its calls to last at most (0: stored before jobs asked).</summary>
    [Id(5)] public int MaxCallDurationSeconds { get; set; }
}
