using System.Globalization;

namespace BatchCalling.Bench;

/// <summary>One run's numbers: seconds for the workload, attempts per second, and WAL bytes per attempt (PostgreSQL only).</summary>
public sealed record Measurement(double Seconds, double? AttemptsPerSecond = null, double? WalBytesPerAttempt = null)
{
    public static Measurement Median(IReadOnlyList<Measurement> runs) => new(
        MedianOf(runs.Select(r => r.Seconds)),
        runs[0].AttemptsPerSecond is null ? null : MedianOf(runs.Select(r => r.AttemptsPerSecond!.Value)),
        runs[0].WalBytesPerAttempt is null ? null : MedianOf(runs.Select(r => r.WalBytesPerAttempt!.Value)));

    public override string ToString() => string.Join(", ", new[]
    {
        string.Create(CultureInfo.InvariantCulture, $"{Seconds:0.000} s"),
        AttemptsPerSecond is { } rate ? string.Create(CultureInfo.InvariantCulture, $"{rate:0} attempts/s") : null,
        WalBytesPerAttempt is { } wal ? string.Create(CultureInfo.InvariantCulture, $"{wal:0} WAL bytes/attempt") : null,
    }.Where(p => p is not null));

    private static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
