using BatchCalling.Throttling;

namespace BatchCalling.Organizations;

internal sealed class OrganizationGrain(
    [PersistentState("organization", BatchStorage.Name)] IPersistentState<OrganizationState> state)
    : Grain, IOrganizationGrain
{
    private OrganizationState Org => state.State;

    async Task<OrganizationInfo> IOrganizationGrain.UpsertAsync(OrganizationSettings settings)
    {
        Org.Name = settings.Name;
        Org.ConcurrencyLimit = settings.ConcurrencyLimit;
        Org.Credits = settings.Credits;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IOrganizationThrottleGrain>(this.GetPrimaryKeyString()).SetLimitAsync(settings.ConcurrencyLimit);
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

        Org.PhoneNumbers[phoneNumber.Id] = phoneNumber;
        await state.WriteStateAsync();
        return true;
    }

    async Task<decimal?> IOrganizationGrain.AddCreditsAsync(decimal amount)
    {
        if (!state.RecordExists)
        {
            return null;
        }

        Org.Credits += amount;
        await state.WriteStateAsync();
        return Org.Credits;
    }

    async Task<bool> IOrganizationGrain.AddApiKeyAsync(string keyHash)
    {
        if (!state.RecordExists)
        {
            return false;
        }

        if (Org.ApiKeyHashes.Add(keyHash))
        {
            await state.WriteStateAsync();
        }

        return true;
    }

    async Task<DispatchCheck> IOrganizationGrain.CheckDispatchAsync(string phoneNumberId, decimal charge)
    {
        if (charge != 0)
        {
            Org.Credits -= charge;
            await state.WriteStateAsync();
        }

        var number = Org.PhoneNumbers.GetValueOrDefault(phoneNumberId);
        var failure = number is null ? "The caller phone number was removed"
            : string.IsNullOrEmpty(number.OutboundAgentId) ? "The caller phone number has no outbound agent"
            : Org.Credits <= 0 ? "The organization ran out of credits"
            : null;
        return new DispatchCheck(failure, number);
    }

    private OrganizationInfo Info() =>
        new(this.GetPrimaryKeyString(), Org.Name, Org.ConcurrencyLimit, Org.Credits, [.. Org.PhoneNumbers.Values.OrderBy(p => p.Id, StringComparer.Ordinal)]);
}
