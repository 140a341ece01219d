using BatchCalling.Contacts;

namespace BatchCalling.Dialing;

/// <summary>Configuration section <c>Dialer:Simulated</c>.</summary>
public sealed class SimulatedDialerOptions
{
    public const string Section = "Dialer:Simulated";

    /// <summary>How long every simulated call lasts.</summary>
    public int CallDurationMs { get; set; } = 2000;

    /// <summary>
    /// Relative weights of outcomes for contacts without a <c>simulatedOutcomes</c> field; the outcome of a call
    /// is picked by a hash of its call id, so a rerun gives the same outcomes.
    /// </summary>
    public Dictionary<CallOutcome, int> Outcomes { get; set; } = new()
    {
        [CallOutcome.Completed] = 70,
        [CallOutcome.NoAnswer] = 15,
        [CallOutcome.Busy] = 10,
        [CallOutcome.Failed] = 5,
    };
}
