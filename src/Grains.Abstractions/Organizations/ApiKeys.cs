using System.Security.Cryptography;
using System.Text;

namespace BatchCalling.Organizations;

/// <summary>API keys are random secrets shown once; only their SHA-256 hash is ever stored.</summary>
public static class ApiKeys
{
    public static string Generate() =>
        "bk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    /// <summary>How much of a key the listing shows: enough to tell keys apart, far too little to use one.</summary>
    public const int PrefixLength = 7;

    /// <summary>A key's public id, from its hash.</summary>
    public static string KeyId(string hash) => "key_" + hash[..16];

    public static string Hash(string apiKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    /// <summary>Creates a key for the organization and returns it; null when the organization does not exist.</summary>
    public static async Task<string?> IssueAsync(IGrainFactory grains, string organizationId, string? apiKey = null)
    {
        apiKey ??= Generate();
        var hash = Hash(apiKey);
        if (!await grains.GetGrain<IOrganizationGrain>(organizationId).AddApiKeyAsync(hash, apiKey[..Math.Min(PrefixLength, apiKey.Length)]))
        {
            return null;
        }

        await grains.GetGrain<IApiKeyGrain>(hash).AssignAsync(organizationId);
        return apiKey;
    }
}
