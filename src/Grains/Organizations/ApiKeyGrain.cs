using Microsoft.Extensions.DependencyInjection;

namespace BatchCalling.Organizations;

/// <summary>
/// One API key. A key nobody issued (or one revoked) answers null and its activation goes at once, so guessing keys
/// leaves nothing resident; a used key notes its last use at most once a minute.
/// </summary>
internal sealed class ApiKeyGrain(
    [PersistentState("apikey", BatchStorage.Name)] IPersistentState<ApiKeyState> state,
    [FromKeyedServices(BatchClock.Key)] TimeProvider time)
    : Grain, IApiKeyGrain
{
    private static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    async Task IApiKeyGrain.AssignAsync(string organizationId)
    {
        state.State.OrganizationId = organizationId;
        await state.WriteStateAsync();
    }

    async Task<string?> IApiKeyGrain.GetOrganizationAsync()
    {
        if (state.State.OrganizationId is not { } organizationId)
        {
            DeactivateOnIdle();
            return null;
        }

        var now = time.GetUtcNow();
        var last = state.State.LastUsedAt;
        if (last is null || now - last >= LastUseResolution)
        {
            try
            {
                await StoredChange.ApplyAsync(() => state.State.LastUsedAt = now, () => state.State.LastUsedAt = last, state.WriteStateAsync);
            }
            catch (Exception)
            {
                // Noting the use is a convenience: a storage hiccup must not turn away a valid key. Noted next minute.
            }
        }

        return organizationId;
    }

    Task<DateTimeOffset?> IApiKeyGrain.GetLastUsedAsync() => Task.FromResult(state.State.LastUsedAt);

    async Task IApiKeyGrain.RevokeAsync()
    {
        if (state.State.OrganizationId is not null)
        {
            state.State.OrganizationId = null;
            await state.WriteStateAsync();
        }

        DeactivateOnIdle();
    }
}
