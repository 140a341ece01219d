using BatchCalling.Organizations;

namespace BatchCalling.Jobs;

/// <summary>Cost and duration estimates of API.md: every call assumed to last two minutes.</summary>
public static class JobEstimator
{
    public static readonly TimeSpan AssumedCallDuration = TimeSpan.FromMinutes(2);

    /// <summary>Price of one assumed (two-minute) call.</summary>
    public static decimal RatePerCall(AgentArchitecture architecture) =>
        architecture == AgentArchitecture.Realtime ? 0.07m : 0.035m;

    public static decimal EstimateCost(int contacts, AgentArchitecture architecture) =>
        contacts * RatePerCall(architecture);

    /// <summary>What calls that lasted <paramref name="milliseconds"/> together cost, at the same per-minute price.</summary>
    public static decimal CostOf(long milliseconds, AgentArchitecture architecture) =>
        RatePerCall(architecture) * milliseconds / (decimal)AssumedCallDuration.TotalMilliseconds;

    /// <summary>What a call that lasted <paramref name="durationSeconds"/> costs, at the same per-minute price.</summary>
    public static decimal CallCost(double durationSeconds, AgentArchitecture architecture) =>
        RatePerCall(architecture) * (decimal)durationSeconds / (decimal)AssumedCallDuration.TotalSeconds;

    /// <summary>
    /// contacts × 2 minutes ÷ the effective concurrency, to the nearest minute and never less than one call,
    /// for people: "~2 hours 14 minutes".
    /// </summary>
    public static string EstimateDuration(int contacts, int jobLimit, int organizationLimit)
    {
        var concurrency = Math.Max(1, Math.Min(jobLimit, organizationLimit));
        var minutes = Math.Round(contacts * AssumedCallDuration.TotalMinutes / concurrency, MidpointRounding.AwayFromZero);
        return "~" + Describe(TimeSpan.FromMinutes(Math.Max(AssumedCallDuration.TotalMinutes, minutes)));
    }

    private static string Describe(TimeSpan span)
    {
        var hours = (int)span.TotalHours;
        var parts = new List<string>(2);
        if (hours > 0)
        {
            parts.Add(Plural(hours, "hour"));
        }

        if (span.Minutes > 0)
        {
            parts.Add(Plural(span.Minutes, "minute"));
        }

        return string.Join(' ', parts);
    }

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
}
