using System.Diagnostics;

namespace BatchCalling.Testing;

/// <summary>deploy/local/services.sh: the PostgreSQL and Redis on loopback that ./test.sh started, stopped and started again by the fault tests.</summary>
public static class LocalServices
{
    /// <summary>The PostgreSQL connection string the script printed (<c>ConnectionStrings__Postgres</c>).</summary>
    public static string Postgres => Required("ConnectionStrings__Postgres");

    /// <summary>The Redis connection string the script printed (<c>ConnectionStrings__Redis</c>).</summary>
    public static string Redis => Required("ConnectionStrings__Redis");

    /// <summary>Runs the script with <paramref name="args"/> (e.g. <c>stop postgres</c>, <c>up</c>), failing with what it said when it fails.</summary>
    public static void Run(params string[] args)
    {
        var info = new ProcessStartInfo(Path.Combine(Repository.Root, "deploy", "local", "services.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"services.sh {string.Join(' ', args)} exited with {process.ExitCode}: {errors.Result}");
        }
    }

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set: run the tests with ./test.sh, or start the servers with deploy/local/services.sh up and export what it prints.");
}
