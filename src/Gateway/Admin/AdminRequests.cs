using BatchCalling.Organizations;

namespace BatchCalling.Gateway.Admin;

public sealed record OrganizationRequest(string? Name, int? ConcurrencyLimit, decimal? Credits);

public sealed record PhoneNumberRequest(string? Number, string? OutboundAgentId, string? AgentArchitecture);

public sealed record CreditsRequest(decimal? Amount);

public sealed record CreditsResponse(decimal Credits);

/// <summary>A new key, shown this once, and the id that lists and revokes it.</summary>
public sealed record ApiKeyResponse(string ApiKey, string KeyId);

public sealed record ApiKeyListResponse(IReadOnlyList<ApiKeyInfo> ApiKeys);

public sealed record OrganizationResponse(
    string Id, string Name, int ConcurrencyLimit, decimal Credits, IReadOnlyList<PhoneNumber> PhoneNumbers, int SlotsInUse)
{
    public OrganizationResponse(OrganizationInfo organization, int slotsInUse)
        : this(organization.Id, organization.Name, organization.ConcurrencyLimit, organization.Credits, organization.PhoneNumbers, slotsInUse)
    {
    }
}
