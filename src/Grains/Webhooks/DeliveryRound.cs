namespace BatchCalling.Webhooks;

/// <summary>What one round of deliveries to an endpoint came to, recorded in one write.</summary>
public sealed record DeliveryRound(IReadOnlyList<DeliveryOutcome> Outcomes, IReadOnlyList<DeliveryDeferral> Deferrals);
