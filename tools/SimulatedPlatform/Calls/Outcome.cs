namespace BatchCalling.SimulatedPlatform.Calls;

/// <summary>
/// A scripted outcome by its name in <c>simulatedOutcomes</c>, and what the platform reports for it: the final event's
/// status, SIP code and who answered (null when nobody did: such a call connects for 0 s).
/// </summary>
public sealed record Outcome(string Name, string Status, int? SipCode, string? AnsweredBy, string EndedReason, string Reason)
{
    /// <summary>Every outcome, in the order a weighted pick walks them.</summary>
    public static IReadOnlyList<Outcome> All { get; } =
    [
        new("completed", "completed", null, "human", "customer-ended-call", "the customer ended the call"),
        new("no_answer", "no_answer", 480, null, "customer-did-not-answer", "no answer"),
        new("busy", "busy", 486, null, "customer-busy", "busy"),
        new("timeout", "timeout", null, "human", "exceeded-max-duration", "the call ran out of time"),
        new("failed", "failed", 500, null, "call-start-error", "the call could not be connected"),
        new("invalid_number", "failed", 404, null, "invalid-number", "the number is not in service"),
        new("voicemail", "voicemail", null, "machine", "voicemail", "a machine answered"),
        new("declined", "failed", 603, null, "customer-declined", "the customer declined the call"),
        new("canceled", "canceled", null, null, "call-canceled", "the call was canceled before it connected"),
    ];

    private static readonly Dictionary<string, Outcome> ByName = All.ToDictionary(o => o.Name, StringComparer.OrdinalIgnoreCase);

    public static Outcome Failed { get; } = ByName["failed"];

    /// <summary>What a call that was hung up ends as.</summary>
    public static Outcome Timeout { get; } = ByName["timeout"];

    public bool Answered => AnsweredBy is not null;

    public static bool TryFind(string name, out Outcome outcome) => ByName.TryGetValue(name.Trim(), out outcome!);

    /// <summary>The outcome of that name; an unknown name is a failed call, as a platform's unknown error would be.</summary>
    public static Outcome Parse(string name) => TryFind(name, out var outcome) ? outcome : Failed;
}
