namespace BatchCalling.Testing;

/// <summary>The repository the running binaries were built in: tests and the benchmark find scripts and data from it.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.Batch.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Orleans.Batch.sln) is not above the running binaries.");
    }
}
