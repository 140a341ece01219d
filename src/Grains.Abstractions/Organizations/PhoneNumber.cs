namespace BatchCalling.Organizations;

/// <summary>A caller number of an organization, the agent that speaks on it and the dialer that places its calls (none: the deployment's default).</summary>
[GenerateSerializer, Immutable, Alias("batch.phone-number")]
public sealed record PhoneNumber(
    [property: Id(0)] string Id,
    [property: Id(1)] string Number,
    [property: Id(2)] string? OutboundAgentId,
    [property: Id(3)] AgentArchitecture AgentArchitecture,
    [property: Id(4)] DialerSettings? Dialer = null);
