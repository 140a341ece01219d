namespace BatchCalling.Organizations;

/// <summary>One API key (key: the SHA-256 hash of the key, never the key itself) and the organization it belongs to.</summary>
[Alias("batch.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Binds the key to an organization.</summary>
    [Alias("Assign")]
    Task AssignAsync(string organizationId);

    /// <summary>The organization of the key, or null when the key is unknown or revoked; notes when the key was last used.</summary>
    [Alias("GetOrganization")]
    Task<string?> GetOrganizationAsync();

    /// <summary>When the key was last used, to the minute.</summary>
    [Alias("GetLastUsed")]
    Task<DateTimeOffset?> GetLastUsedAsync();

    /// <summary>Unbinds the key: from now on it authenticates nothing, on every gateway.</summary>
    [Alias("Revoke")]
    Task RevokeAsync();
}
