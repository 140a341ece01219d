using BatchCalling.Organizations;

namespace BatchCalling.Dialing;

/// <summary>Configuration section <c>Dialer</c>: the deployment's default dialer and how long a platform may take to answer.</summary>
public sealed class DialerOptions
{
    public const string Section = "Dialer";

    /// <summary>
    /// The dialer of numbers that have none of their own (<c>Dialer:Default:Type</c>, <c>:Url</c>, <c>:Secret</c>; for Twilio
    /// <c>:AccountSid</c>, <c>:AuthToken</c>, <c>:MachineDetection</c>).
    /// </summary>
    public DialerSettings? Default { get; set; }

    /// <summary>
    /// How long one request to a platform may take. A dial that takes longer has an unknown fate and is reconciled; kept
    /// under the 5 s a job waits for a dial, so a slow platform never makes the job dial the contact twice in a row.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(4);
}
