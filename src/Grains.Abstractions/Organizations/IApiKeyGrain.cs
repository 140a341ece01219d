namespace BatchCalling.Organizations;

/// <summary>One API key (key: the SHA-256 hash of the key, never the key itself) and the organization it belongs to.</summary>
[Alias("batch.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Binds the key to an organization.</summary>
    [Alias("Assign")]
    Task AssignAsync(string organizationId);

    /// <summary>The organization of the key, or null when the key is unknown.</summary>
    [Alias("GetOrganization")]
    Task<string?> GetOrganizationAsync();
}
