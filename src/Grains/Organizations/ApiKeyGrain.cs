namespace BatchCalling.Organizations;

internal sealed class ApiKeyGrain(
    [PersistentState("apikey", BatchStorage.Name)] IPersistentState<ApiKeyState> state)
    : Grain, IApiKeyGrain
{
    async Task IApiKeyGrain.AssignAsync(string organizationId)
    {
        state.State.OrganizationId = organizationId;
        await state.WriteStateAsync();
    }

    Task<string?> IApiKeyGrain.GetOrganizationAsync() => Task.FromResult(state.State.OrganizationId);
}
