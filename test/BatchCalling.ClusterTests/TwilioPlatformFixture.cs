using BatchCalling.Testing;

namespace BatchCalling.ClusterTests;

/// <summary>One simulated platform process and one Twilio callback receiver, shared by the Twilio subset's contract tests.</summary>
public sealed class TwilioPlatformFixture() : PlatformAndReceiver<TwilioCallbackReceiver>(
    new PlatformProcess(
        ("Platform__CallDurationMs", CallDurationMs.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Platform__ProgressEvents", "true"),
        (Key(ByAttempt, "Outcomes"), "no_answer,busy,completed"),
        (Key(Endless, "Outcomes"), "completed"),
        (Key(Endless, "Behaviour"), "never_ends"),
        (Key(EndlessRinging, "Outcomes"), "no_answer"),
        (Key(EndlessRinging, "Behaviour"), "never_ends"),
        (Key(ErrorAfterPlace, "Outcomes"), "busy"),
        (Key(ErrorAfterPlace, "Behaviour"), "error_after_place"),
        (Key(Refused, "Outcomes"), "busy"),
        (Key(Refused, "Behaviour"), "reject_429")),
    new TwilioCallbackReceiver())
{
    /// <summary>Scripted beyond <see cref="PlatformProcess.TwilioScripts"/>: the outcome of each attempt.</summary>
    public const string ByAttempt = "+12025550191";

    /// <summary>Answered, and never ends until hung up.</summary>
    public const string Endless = "+12025550192";

    /// <summary>Rings, and never ends until hung up.</summary>
    public const string EndlessRinging = "+12025550193";

    /// <summary>Its first dial places the call, then answers 500.</summary>
    public const string ErrorAfterPlace = "+12025550194";

    /// <summary>Its first dial answers 429, placing nothing.</summary>
    public const string Refused = "+12025550195";

    public const int CallDurationMs = 300;

    private static string Key(string number, string field) => $"Platform__Twilio__Scripts__{number.TrimStart('+')}__{field}";
}
