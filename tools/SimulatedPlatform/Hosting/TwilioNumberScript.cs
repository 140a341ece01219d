namespace BatchCalling.SimulatedPlatform.Hosting;

/// <summary>
/// How calls to one number go on the Twilio subset: the same terms as a contact's <c>simulatedOutcomes</c> (comma list, by
/// attempt, the last repeats), <c>simulatedDurationMs</c> and <c>simulatedBehaviour</c> (comma list).
/// </summary>
public sealed class TwilioNumberScript
{
    public string? Outcomes { get; set; }

    public int? DurationMs { get; set; }

    public string? Behaviour { get; set; }

    public string[] OutcomeNames => Split(Outcomes);

    public string[] BehaviourNames => Split(Behaviour);

    private static string[] Split(string? list) => list?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
}
