namespace BatchCalling.Webhooks;

/// <summary>Configuration section <c>Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>How often each silo looks for endpoints with events due whose deliverer was not woken (its silo died).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long delivered and given-up events stay in the outbox (the delivery log, and dedupe of late repeats).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
