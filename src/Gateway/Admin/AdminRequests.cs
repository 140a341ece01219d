namespace BatchCalling.Gateway.Admin;

public sealed record OrganizationRequest(string? Name, int? ConcurrencyLimit, decimal? Credits);

public sealed record PhoneNumberRequest(string? Number, string? OutboundAgentId, string? AgentArchitecture);

public sealed record CreditsRequest(decimal? Amount);

public sealed record CreditsResponse(decimal Credits);

public sealed record ApiKeyResponse(string ApiKey);
