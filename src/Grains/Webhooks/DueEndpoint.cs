namespace BatchCalling.Webhooks;

/// <summary>An endpoint with events due, and its organization (which its deliverer asks for its address and secrets).</summary>
public sealed record DueEndpoint(string OrganizationId, string EndpointId);
