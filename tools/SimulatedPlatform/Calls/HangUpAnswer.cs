namespace BatchCalling.SimulatedPlatform.Calls;

/// <summary>The answer to a hang-up: whether it ended the call (false: the call had already ended).</summary>
public sealed record HangUpAnswer(bool Ended);
