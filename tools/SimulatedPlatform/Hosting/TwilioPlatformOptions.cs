namespace BatchCalling.SimulatedPlatform.Hosting;

/// <summary>
/// Configuration section <c>Platform:Twilio</c>: the one account the Twilio subset answers to (unset: the subset answers
/// 401), and the scripts of the numbers it calls, by their digits (<c>Platform:Twilio:Scripts:12025550181:Outcomes</c>).
/// </summary>
public sealed class TwilioPlatformOptions
{
    public string? AccountSid { get; set; }

    public string? AuthToken { get; set; }

    /// <summary>
    /// A dial on Twilio names only its numbers, no contact with custom fields: the script of a call is its To number's, keyed
    /// by its digits without the <c>+</c> (configuration keys cannot hold one everywhere). Unscripted numbers get the
    /// configured weights and length, as contacts without a script do.
    /// </summary>
    public Dictionary<string, TwilioNumberScript> Scripts { get; set; } = [];

    public bool Enabled => !string.IsNullOrEmpty(AccountSid) && !string.IsNullOrEmpty(AuthToken);

    /// <summary>The script of <paramref name="to"/>, or null when it has none.</summary>
    public TwilioNumberScript? ScriptOf(string to) => Scripts.GetValueOrDefault(to.TrimStart('+'));
}
