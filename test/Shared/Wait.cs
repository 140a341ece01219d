namespace BatchCalling.Testing;

public static class Wait
{
    /// <summary>Polls <paramref name="condition"/> until it holds, failing at the deadline with what it describes.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Condition not met in time: " + describe());
            }

            await Task.Delay(100);
        }
    }
}
