using Orleans.Storage;

namespace BatchCalling;

/// <summary>Grain storage used beside a grain's own persistent state: records erased without activating their grain.</summary>
internal static class GrainStorageExtensions
{
    /// <summary>Erases one record, if it exists: read first, as storage clears only the version it was last read at.</summary>
    public static async Task EraseAsync<T>(this IGrainStorage storage, string stateName, GrainId grainId)
    {
        var state = new GrainState<T>();
        await storage.ReadStateAsync(stateName, grainId, state);
        if (state.RecordExists)
        {
            await storage.ClearStateAsync(stateName, grainId, state);
        }
    }
}
