namespace BatchCalling;

/// <summary>The name of the grain storage provider every batch grain uses.</summary>
public static class BatchStorage
{
    public const string Name = "batch";
}
