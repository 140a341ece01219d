namespace BatchCalling.SimulatedPlatform.Calls;

/// <summary>
/// What one POST did: the status it answers, whether it was the first POST of its call id, and the call it placed or
/// found (no provider id when nothing was placed; <paramref name="Placements"/> 1 when this POST placed it) and when that call
/// started.
/// </summary>
public sealed record Placement(int Status, bool First, string? ProviderCallId, int Placements, DateTimeOffset? StartedAt);
