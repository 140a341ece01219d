using BatchCalling.Testing;

namespace BatchCalling.ClusterTests;

/// <summary>One simulated platform process and one event receiver, shared by the platform's contract tests (each uses call ids of its own).</summary>
public sealed class SimulatedPlatformFixture() : PlatformAndReceiver<EventReceiver>(
    new PlatformProcess(
        ("Platform__SlowAnswerMs", SlowAnswerMs.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Platform__HangingAnswerMs", "4000"),
        // Calls without a script are all busy: configured weights replace the default ones.
        ("Platform__Outcomes__busy", "1")),
    new EventReceiver())
{
    public const int SlowAnswerMs = 1000;
}
