namespace BatchCalling.Organizations;

/// <summary>
/// A caller number of an organization, the agent that speaks on it, the dialer that places its calls (none: the deployment's
/// default) and how many calls may start from it per second (none: no limit).
/// </summary>
[GenerateSerializer, Immutable, Alias("batch.phone-number")]
public sealed record PhoneNumber(
    [property: Id(0)] string Id,
    [property: Id(1)] string Number,
    [property: Id(2)] string? OutboundAgentId,
    [property: Id(3)] AgentArchitecture AgentArchitecture,
    [property: Id(4)] DialerSettings? Dialer = null,
    [property: Id(5)] double? CallsPerSecond = null);
