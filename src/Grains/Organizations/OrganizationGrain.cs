using BatchCalling.Throttling;
using BatchCalling.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace BatchCalling.Organizations;

/// <summary>
/// One organization: its settings and caller numbers; its credits (<see cref="CreditLedger"/>), API keys
/// (<see cref="ApiKeyRegistry"/>) and webhook endpoints (<see cref="WebhookRegistry"/>) each kept by a class of their own
/// over the same stored record.
/// </summary>
internal sealed partial class OrganizationGrain(
    [PersistentState("organization", BatchStorage.Name)] IPersistentState<OrganizationState> state,
    [FromKeyedServices(BatchClock.Key)] TimeProvider time,
    WebhookEnqueuer enqueuer,
    IWebhookOutbox outbox)
    : Grain, IOrganizationGrain
{
    private const int DefaultConcurrencyLimit = 10;

    private OrganizationState Org => state.State;

    private CreditLedger Ledger => new(Org, WriteAsync);

    private ApiKeyRegistry Keys => new(Org, WriteAsync, GrainFactory, time);

    async Task<OrganizationInfo> IOrganizationGrain.UpsertAsync(OrganizationSettings settings)
    {
        var (name, limit, credits, pace, cap) = (Org.Name, Org.ConcurrencyLimit, Org.Credits, Org.CallsPerSecond, Org.RecipientCap);
        var created = !state.RecordExists;
        await StoredChange.ApplyAsync(
            () =>
            {
                Org.Name = settings.Name;
                Org.ConcurrencyLimit = settings.ConcurrencyLimit ?? (created ? DefaultConcurrencyLimit : limit);
                Org.Credits = created ? settings.OpeningCredits ?? 0 : credits;
                Org.CallsPerSecond = settings.CallsPerSecond is { } rate ? (rate > 0 ? rate : null) : pace;
                Org.RecipientCap = settings.RecipientCap is { } newCap ? (newCap.Calls > 0 ? newCap : null) : cap;
            },
            () => (Org.Name, Org.ConcurrencyLimit, Org.Credits, Org.CallsPerSecond, Org.RecipientCap) = (name, limit, credits, pace, cap),
            WriteAsync);
        var throttle = GrainFactory.GetGrain<IOrganizationThrottleGrain>(this.GetPrimaryKeyString());
        await throttle.SetLimitAsync(Org.ConcurrencyLimit);
        await throttle.SetPaceAsync(Org.CallsPerSecond);
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
        if (state.RecordExists)
        {
            await Keys.AddAsync(keyHash, prefix);
        }

        return state.RecordExists;
    }

    async Task<IReadOnlyList<ApiKeyInfo>?> IOrganizationGrain.ListApiKeysAsync() =>
        state.RecordExists ? await Keys.ListAsync() : null;

    async Task<bool?> IOrganizationGrain.RevokeApiKeyAsync(string keyId) =>
        state.RecordExists ? await Keys.RevokeAsync(keyId) : null;

    async Task<DispatchCheck> IOrganizationGrain.CheckDispatchAsync(ChargeReport report)
    {
        await Ledger.ChargeAsync(report);
        var number = Org.PhoneNumbers.GetValueOrDefault(report.PhoneNumberId);
        var failure = number is null ? "The caller phone number was removed"
            : string.IsNullOrEmpty(number.OutboundAgentId) ? "The caller phone number has no outbound agent"
            : null;
        return new DispatchCheck(failure, number, Org.CallsPerSecond, Org.Credits, Org.RecipientCap);
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
        new(this.GetPrimaryKeyString(), Org.Name, Org.ConcurrencyLimit, Org.Credits, [.. Org.PhoneNumbers.Values.OrderBy(p => p.Id, StringComparer.Ordinal)],
            Org.CallsPerSecond, Org.RecipientCap);
}
