using BatchCalling.Organizations;

namespace BatchCalling.Gateway.Admin;

public sealed record OrganizationRequest(string? Name, int? ConcurrencyLimit, decimal? Credits, double? CallsPerSecond, RecipientCapRequest? RecipientCap = null);

/// <summary>At most <c>calls</c> calls to one number in any <c>perHours</c> hours, across the organization's jobs; <c>calls</c> 0 lifts the cap.</summary>
public sealed record RecipientCapRequest(int? Calls, int? PerHours);

public sealed record PhoneNumberRequest(string? Number, string? OutboundAgentId, string? AgentArchitecture, DialerRequest? Dialer, double? CallsPerSecond);

/// <summary>
/// A number's dialer: <c>simulated</c>; <c>webhook</c> with its platform's <c>url</c> and <c>secret</c>; or <c>twilio</c> with
/// <c>accountSid</c>, <c>authToken</c>, the agent's TwiML <c>url</c> and <c>machineDetection</c>. An omitted secret or token
/// is the one the number's dialer had.
/// </summary>
public sealed record DialerRequest(string? Type, string? Url, string? Secret, string? AccountSid = null, string? AuthToken = null, bool? MachineDetection = null);

/// <summary>A caller number as the admin API shows it: its dialer without the secret.</summary>
public sealed record PhoneNumberResponse(
    string Id, string Number, string? OutboundAgentId, AgentArchitecture AgentArchitecture, DialerResponse? Dialer, double? CallsPerSecond)
{
    public PhoneNumberResponse(PhoneNumber number)
        : this(number.Id, number.Number, number.OutboundAgentId, number.AgentArchitecture,
            number.Dialer is { } dialer
                ? new DialerResponse(dialer.Type, dialer.Url, dialer.Secret is not null || dialer.AuthToken is not null, dialer.AccountSid,
                    dialer.Type == DialerType.Twilio ? dialer.MachineDetection : null)
                : null,
            number.CallsPerSecond)
    {
    }
}

/// <summary>A dialer as shown: its secret or auth token is write-only, so only whether it has one (<c>hasSecret</c>).</summary>
public sealed record DialerResponse(DialerType Type, Uri? Url, bool HasSecret, string? AccountSid, bool? MachineDetection);

public sealed record CreditsRequest(decimal? Amount);

public sealed record CreditsResponse(decimal Credits);

/// <summary>A new key, shown this once, and the id that lists and revokes it.</summary>
public sealed record ApiKeyResponse(string ApiKey, string KeyId);

public sealed record ApiKeyListResponse(IReadOnlyList<ApiKeyInfo> ApiKeys);

public sealed record OrganizationResponse(
    string Id, string Name, int ConcurrencyLimit, decimal Credits, double? CallsPerSecond, IReadOnlyList<PhoneNumberResponse> PhoneNumbers, int SlotsInUse,
    RecipientCap? RecipientCap)
{
    public OrganizationResponse(OrganizationInfo organization, int slotsInUse)
        : this(organization.Id, organization.Name, organization.ConcurrencyLimit, organization.Credits, organization.CallsPerSecond,
            [.. organization.PhoneNumbers.Select(p => new PhoneNumberResponse(p))], slotsInUse, organization.RecipientCap)
    {
    }
}
