namespace BatchCalling.SimulatedPlatform.Calls;

/// <summary>The answer to a POST that placed a call (or found it placed).</summary>
public sealed record PlacedCall(string ProviderCallId, string RoomName);
