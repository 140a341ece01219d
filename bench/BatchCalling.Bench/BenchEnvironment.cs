using System.Globalization;

namespace BatchCalling.Bench;

/// <summary>Knobs a workload reads from the environment (documented with the workload in docs/benchmarks.md).</summary>
public static class BenchEnvironment
{
    public static int Number(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
