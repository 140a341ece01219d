namespace BatchCalling.SimulatedPlatform.Calls;

/// <summary>The wire names of <see cref="Behaviour"/> (<c>duplicate_events,slow_answer</c>), also the form column <c>behaviour</c> keeps.</summary>
public static class BehaviourNames
{
    private static readonly Dictionary<string, Behaviour> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["duplicate_events"] = Behaviour.DuplicateEvents,
        ["reordered_events"] = Behaviour.ReorderedEvents,
        ["lost_event"] = Behaviour.LostEvent,
        ["error_after_place"] = Behaviour.ErrorAfterPlace,
        ["error_before_place"] = Behaviour.ErrorBeforePlace,
        ["reject_429"] = Behaviour.Reject429,
        ["timeout_first_post"] = Behaviour.TimeoutFirstPost,
        ["slow_answer"] = Behaviour.SlowAnswer,
        ["never_ends"] = Behaviour.NeverEnds,
    };

    /// <summary>Parses names; an unknown one is refused, so a misspelt misbehaviour never passes a test by not happening.</summary>
    public static bool TryParse(IEnumerable<string> names, out Behaviour behaviour, out string? unknown)
    {
        behaviour = Behaviour.None;
        foreach (var name in names)
        {
            if (!ByName.TryGetValue(name.Trim(), out var one))
            {
                unknown = name;
                return false;
            }

            behaviour |= one;
        }

        unknown = null;
        return true;
    }

    public static string Format(Behaviour behaviour) =>
        string.Join(',', ByName.Where(pair => behaviour.HasFlag(pair.Value)).Select(pair => pair.Key));

    /// <summary>Reads column <c>behaviour</c>, which only ever holds what <see cref="Format"/> wrote.</summary>
    public static Behaviour Read(string stored) =>
        TryParse(stored.Split(',', StringSplitOptions.RemoveEmptyEntries), out var behaviour, out _) ? behaviour : Behaviour.None;
}
