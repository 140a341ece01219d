namespace BatchCalling.Contacts;

/// <summary>A contact's stored dialing history; written before each call is placed and when it ends.</summary>
[GenerateSerializer, Alias("batch.contact-state")]
public sealed class ContactState
{
    [Id(0)] public List<CallAttempt> Calls { get; set; } = [];

    /// <summary>The organization and caller number the contact is dialed from, which pick its dialer (empty: the default).</summary>
    [Id(1)] public string OrganizationId { get; set; } = "";

    [Id(2)] public string PhoneNumberId { get; set; } = "";
}
