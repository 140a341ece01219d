namespace BatchCalling.Organizations;

/// <summary>
/// An organization's API keys: only their hashes are kept, each with a prefix to tell it by and when it was made. Memory
/// never ahead of storage: each change is undone when its write fails.
/// </summary>
internal sealed class ApiKeyRegistry(OrganizationState org, Func<Task> write, IGrainFactory grains, TimeProvider time)
{
    public async Task AddAsync(string keyHash, string prefix)
    {
        if (org.ApiKeyHashes.Contains(keyHash))
        {
            return;
        }

        await StoredChange.ApplyAsync(
            () =>
            {
                org.ApiKeyHashes.Add(keyHash);
                org.ApiKeyRecords[keyHash] = new ApiKeyRecord(prefix, time.GetUtcNow());
            },
            () => Forget(keyHash),
            write);
    }

    /// <summary>Every key, by key id, with when each was last used (its own grain knows).</summary>
    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync()
    {
        var hashes = org.ApiKeyHashes.Order(StringComparer.Ordinal).ToList();
        var lastUsed = await Task.WhenAll(hashes.Select(h => grains.GetGrain<IApiKeyGrain>(h).GetLastUsedAsync()));
        return [.. hashes.Select((hash, n) => org.ApiKeyRecords.GetValueOrDefault(hash) is { } record
            ? new ApiKeyInfo(ApiKeys.KeyId(hash), record.Prefix, record.CreatedAt, lastUsed[n])
            : new ApiKeyInfo(ApiKeys.KeyId(hash), null, null, lastUsed[n]))];
    }

    /// <summary>The key stops working first (it is the key's own grain that answers for it), then leaves the list; false when unknown.</summary>
    public async Task<bool> RevokeAsync(string keyId)
    {
        if (org.ApiKeyHashes.FirstOrDefault(h => ApiKeys.KeyId(h) == keyId) is not { } hash)
        {
            return false;
        }

        await grains.GetGrain<IApiKeyGrain>(hash).RevokeAsync();
        var record = org.ApiKeyRecords.GetValueOrDefault(hash);
        await StoredChange.ApplyAsync(
            () => Forget(hash),
            () =>
            {
                org.ApiKeyHashes.Add(hash);
                if (record is not null)
                {
                    org.ApiKeyRecords[hash] = record;
                }
            },
            write);
        return true;
    }

    private void Forget(string keyHash)
    {
        org.ApiKeyHashes.Remove(keyHash);
        org.ApiKeyRecords.Remove(keyHash);
    }
}
