namespace BatchCalling;

/// <summary>Memory never ahead of storage: a change is applied, written, and undone when the write fails.</summary>
internal static class StoredChange
{
    public static async Task ApplyAsync(Action apply, Action undo, Func<Task> write)
    {
        apply();
        try
        {
            await write();
        }
        catch
        {
            undo();
            throw;
        }
    }
}
