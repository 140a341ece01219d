using BatchCalling.Throttling;
using Microsoft.Extensions.DependencyInjection;

namespace BatchCalling.Organizations;

internal sealed class OrganizationGrain(
    [PersistentState("organization", BatchStorage.Name)] IPersistentState<OrganizationState> state,
    [FromKeyedServices(BatchClock.Key)] TimeProvider time)
    : Grain, IOrganizationGrain
{
    private const int DefaultConcurrencyLimit = 10;

    private OrganizationState Org => state.State;

    private CreditLedger Ledger => new(Org, WriteAsync);

    async Task<OrganizationInfo> IOrganizationGrain.UpsertAsync(OrganizationSettings settings)
    {
        var (name, limit, credits) = (Org.Name, Org.ConcurrencyLimit, Org.Credits);
        var created = !state.RecordExists;
        await StoredChange.ApplyAsync(
            () =>
            {
                Org.Name = settings.Name;
                Org.ConcurrencyLimit = settings.ConcurrencyLimit ?? (created ? DefaultConcurrencyLimit : limit);
                Org.Credits = created ? settings.OpeningCredits ?? 0 : credits;
            },
            () => (Org.Name, Org.ConcurrencyLimit, Org.Credits) = (name, limit, credits),
            WriteAsync);
        await GrainFactory.GetGrain<IOrganizationThrottleGrain>(this.GetPrimaryKeyString()).SetLimitAsync(Org.ConcurrencyLimit);
        return Info();
    }

    Task<OrganizationInfo?> IOrganizationGrain.GetAsync() =>
        Task.FromResult(state.RecordExists ? Info() : null);

    async Task<bool> IOrganizationGrain.SetPhoneNumberAsync(PhoneNumber phoneNumber)
    {
        if (!state.RecordExists)
        {
            return false;
        }

        var previous = Org.PhoneNumbers.GetValueOrDefault(phoneNumber.Id);
        await StoredChange.ApplyAsync(
            () => Org.PhoneNumbers[phoneNumber.Id] = phoneNumber,
            () =>
            {
                if (previous is null)
                {
                    Org.PhoneNumbers.Remove(phoneNumber.Id);
                }
                else
                {
                    Org.PhoneNumbers[phoneNumber.Id] = previous;
                }
            },
            WriteAsync);
        return true;
    }

    async Task<decimal?> IOrganizationGrain.AddCreditsAsync(decimal amount)
    {
        if (!state.RecordExists)
        {
            return null;
        }

        await Ledger.AddAsync(amount);
        return Org.Credits;
    }

    async Task<bool> IOrganizationGrain.AddApiKeyAsync(string keyHash, string prefix)
    {
        if (!state.RecordExists)
        {
            return false;
        }

        if (!Org.ApiKeyHashes.Contains(keyHash))
        {
            await StoredChange.ApplyAsync(
                () =>
                {
                    Org.ApiKeyHashes.Add(keyHash);
                    Org.ApiKeyRecords[keyHash] = new ApiKeyRecord(prefix, time.GetUtcNow());
                },
                () =>
                {
                    Org.ApiKeyHashes.Remove(keyHash);
                    Org.ApiKeyRecords.Remove(keyHash);
                },
                WriteAsync);
        }

        return true;
    }

    async Task<IReadOnlyList<ApiKeyInfo>?> IOrganizationGrain.ListApiKeysAsync()
    {
        if (!state.RecordExists)
        {
            return null;
        }

        var hashes = Org.ApiKeyHashes.Order(StringComparer.Ordinal).ToList();
        var lastUsed = await Task.WhenAll(hashes.Select(h => GrainFactory.GetGrain<IApiKeyGrain>(h).GetLastUsedAsync()));
        return [.. hashes.Select((hash, n) => Org.ApiKeyRecords.GetValueOrDefault(hash) is { } record
            ? new ApiKeyInfo(ApiKeys.KeyId(hash), record.Prefix, record.CreatedAt, lastUsed[n])
            : new ApiKeyInfo(ApiKeys.KeyId(hash), null, null, lastUsed[n]))];
    }

    /// <summary>The key stops working first (it is the key's own grain that answers for it), then leaves the list.</summary>
    async Task<bool?> IOrganizationGrain.RevokeApiKeyAsync(string keyId)
    {
        if (!state.RecordExists)
        {
            return null;
        }

        if (Org.ApiKeyHashes.FirstOrDefault(h => ApiKeys.KeyId(h) == keyId) is not { } hash)
        {
            return false;
        }

        await GrainFactory.GetGrain<IApiKeyGrain>(hash).RevokeAsync();
        var record = Org.ApiKeyRecords.GetValueOrDefault(hash);
        await StoredChange.ApplyAsync(
            () =>
            {
                Org.ApiKeyHashes.Remove(hash);
                Org.ApiKeyRecords.Remove(hash);
            },
            () =>
            {
                Org.ApiKeyHashes.Add(hash);
                if (record is not null)
                {
                    Org.ApiKeyRecords[hash] = record;
                }
            },
            WriteAsync);
        return true;
    }

    async Task<DispatchCheck> IOrganizationGrain.CheckDispatchAsync(ChargeReport report)
    {
        await Ledger.ChargeAsync(report);
        var number = Org.PhoneNumbers.GetValueOrDefault(report.PhoneNumberId);
        var failure = number is null ? "The caller phone number was removed"
            : string.IsNullOrEmpty(number.OutboundAgentId) ? "The caller phone number has no outbound agent"
            : Org.Credits <= 0 ? "The organization ran out of credits"
            : null;
        return new DispatchCheck(failure, number);
    }

    /// <summary>A failed write may still have landed: the caller undoes its change, and the activation goes so the next call reads storage.</summary>
    private async Task WriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private OrganizationInfo Info() =>
        new(this.GetPrimaryKeyString(), Org.Name, Org.ConcurrencyLimit, Org.Credits, [.. Org.PhoneNumbers.Values.OrderBy(p => p.Id, StringComparer.Ordinal)]);
}
