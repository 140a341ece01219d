namespace BatchCalling.SimulatedPlatform.Events;

/// <summary><c>GET /calls/{callId}</c> of a call in progress: <c>ringing</c>, or <c>answered</c> when it will be.</summary>
public sealed record CallProgress(string CallId, string Status);
