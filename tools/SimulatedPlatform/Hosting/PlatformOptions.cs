namespace BatchCalling.SimulatedPlatform.Hosting;

/// <summary>Configuration section <c>Platform</c>.</summary>
public sealed class PlatformOptions
{
    public const string Section = "Platform";

    /// <summary>The Standard Webhooks secret (<c>whsec_</c> and base64) that signs both directions.</summary>
    public string Secret { get; set; } = "";

    /// <summary>How long a call lasts unless its contact's <c>simulatedDurationMs</c> says otherwise.</summary>
    public int CallDurationMs { get; set; } = 2000;

    /// <summary>
    /// Relative weights of outcomes for contacts without a <c>simulatedOutcomes</c> field. Null until configured: the
    /// binder would otherwise merge configured weights into the defaults instead of replacing them.
    /// </summary>
    public Dictionary<string, int>? Outcomes { get; set; }

    /// <summary>Whether <c>ringing</c> and <c>answered</c> events are posted as a call starts (each is a request more).</summary>
    public bool ProgressEvents { get; set; }

    /// <summary>How long every POST of a <c>slow_answer</c> call waits before answering.</summary>
    public int SlowAnswerMs { get; set; } = 3000;

    /// <summary>How long the first POST of a <c>timeout_first_post</c> call holds its answer.</summary>
    public int HangingAnswerMs { get; set; } = 60000;

    /// <summary>The Twilio subset: its account and the scripts of the numbers it calls.</summary>
    public TwilioPlatformOptions Twilio { get; set; } = new();

    public IReadOnlyDictionary<string, int> Weights => Outcomes ?? DefaultWeights;

    private static Dictionary<string, int> DefaultWeights { get; } = new()
    {
        ["completed"] = 70,
        ["no_answer"] = 15,
        ["busy"] = 10,
        ["failed"] = 5,
    };
}
