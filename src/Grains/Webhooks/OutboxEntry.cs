namespace BatchCalling.Webhooks;

/// <summary>One event for one endpoint of an organization: a row of the outbox.</summary>
public sealed record OutboxEntry(string EndpointId, string OrganizationId, WebhookEventData Event);
