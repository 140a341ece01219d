using System.Globalization;

namespace BatchCalling.Bench;

/// <summary>One run's numbers, each with its unit; the median of several runs is taken number by number.</summary>
public sealed record Measurement(IReadOnlyList<Metric> Metrics)
{
    public static Measurement Of(params Metric[] metrics) => new(metrics);

    public static Measurement Median(IReadOnlyList<Measurement> runs) =>
        new(runs[0].Metrics.Select((metric, i) => metric with { Value = MedianOf(runs.Select(r => r.Metrics[i].Value)) }).ToList());

    public override string ToString() => string.Join(", ", Metrics);

    /// <summary>The nearest-rank percentile <paramref name="p"/> (0–1) of values sorted ascending.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

/// <summary>A number and its unit, printed with <paramref name="Format"/>.</summary>
public sealed record Metric(string Unit, double Value, string Format = "0")
{
    public override string ToString() => $"{Value.ToString(Format, CultureInfo.InvariantCulture)} {Unit}";
}
