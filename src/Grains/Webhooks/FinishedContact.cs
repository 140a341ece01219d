using BatchCalling.Contacts;
using BatchCalling.Jobs;

namespace BatchCalling.Webhooks;

/// <summary>A <c>contact.finished</c> event: the contact's upload and final progress as its job had them; its calls are read when it is sent.</summary>
[GenerateSerializer, Immutable, Alias("batch.finished-contact")]
public sealed record FinishedContact(
    [property: Id(0)] string ContactJobId,
    [property: Id(1)] int Index,
    [property: Id(2)] ContactInput Contact,
    [property: Id(3)] ContactProgress Progress,
    [property: Id(4)] int MaxAttempts) : WebhookEventData
{
    public override string EventId => $"evt_{ContactJobId}_{Index}_finished";

    public override string Type => WebhookEventTypes.ContactFinished;

    public override string JobId => ContactJobId;
}
