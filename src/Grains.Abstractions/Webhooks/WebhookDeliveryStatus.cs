namespace BatchCalling.Webhooks;

/// <summary>Where one event stands at one endpoint; the first two are not yet delivered (the outbox stores these numbers).</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>Not attempted yet.</summary>
    Pending = 0,

    /// <summary>Attempted and failed; tried again at its next attempt time.</summary>
    Failed = 1,

    Delivered = 2,

    /// <summary>Failed for 24 hours: never tried again.</summary>
    GivenUp = 3,
}
