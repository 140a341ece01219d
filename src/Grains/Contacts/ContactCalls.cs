using Orleans.Storage;

namespace BatchCalling.Contacts;

/// <summary>
/// A final contact's calls, read from its stored record without activating its grain: a final contact changes no more,
/// and its grain has just deactivated (it stays only while a call is up). The webhook deliverer reads one for every
/// finished contact; activating each would bring thousands of idle contacts back to memory for minutes.
/// </summary>
internal static class ContactCalls
{
    /// <summary>The name of a contact's record in grain storage.</summary>
    public const string StateName = "contact";

    public static async Task<IReadOnlyList<CallAttempt>> ReadAsync(IGrainStorage storage, IGrainFactory grains, string contactKey)
    {
        var stored = new GrainState<ContactState>(new ContactState());
        await storage.ReadStateAsync(StateName, grains.GetGrain<IContactGrain>(contactKey).GetGrainId(), stored);
        return stored is { RecordExists: true, State: { } state } ? state.Calls : [];
    }

    /// <summary>Erases a contact's record, if it has one (its grain is not active: its job has no call on the line).</summary>
    public static Task EraseAsync(IGrainStorage storage, IGrainFactory grains, string contactKey) =>
        storage.EraseAsync<ContactState>(StateName, grains.GetGrain<IContactGrain>(contactKey).GetGrainId());
}
