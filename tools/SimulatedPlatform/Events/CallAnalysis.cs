namespace BatchCalling.SimulatedPlatform.Events;

/// <summary>The platform's judgement of a completed call.</summary>
public sealed record CallAnalysis(bool SuccessEvaluation);
