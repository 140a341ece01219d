namespace BatchCalling.SimulatedPlatform.Calls;

/// <summary>
/// How the first POST of a call id answers (<paramref name="Status"/>) and whether it places the call; later POSTs
/// always place (or count a placement) and answer 200. <paramref name="Matters"/> is false when the first POST is like
/// any other, so the database need not look for an earlier one.
/// </summary>
public sealed record FirstPost(bool Matters, int Status, bool Places)
{
    private static readonly FirstPost Ordinary = new(false, StatusCodes.Status200OK, true);

    public static FirstPost For(Behaviour behaviour) =>
        behaviour.HasFlag(Behaviour.ErrorBeforePlace) ? new(true, StatusCodes.Status503ServiceUnavailable, false)
        : behaviour.HasFlag(Behaviour.Reject429) ? new(true, StatusCodes.Status429TooManyRequests, false)
        : behaviour.HasFlag(Behaviour.ErrorAfterPlace) ? new(true, StatusCodes.Status500InternalServerError, true)
        : behaviour.HasFlag(Behaviour.TimeoutFirstPost) ? new(true, StatusCodes.Status200OK, true)
        : Ordinary;
}
