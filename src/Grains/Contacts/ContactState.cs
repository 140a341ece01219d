namespace BatchCalling.Contacts;

/// <summary>A contact's stored dialing history; written before each call is placed and when it ends.</summary>
[GenerateSerializer, Alias("batch.contact-state")]
public sealed class ContactState
{
    [Id(0)] public List<CallAttempt> Calls { get; set; } = [];
}
