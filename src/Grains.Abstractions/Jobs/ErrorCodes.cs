namespace BatchCalling.Jobs;

/// <summary>The machine codes of API.md; grains answer expected "no"s with one of these.</summary>
public static class ErrorCodes
{
    public const string JobNotFound = "job_not_found";
    public const string PhoneNumberNotFound = "phone_number_not_found";
    public const string NoOutboundAgent = "no_outbound_agent";

    /// <summary>The caller number has no dialer, and the deployment no default one.</summary>
    public const string NoDialer = "no_dialer";
    public const string InsufficientCredits = "insufficient_credits";
    public const string PastScheduledTime = "past_scheduled_time";
    public const string AlreadyRunning = "already_running";
    public const string AlreadyTerminal = "already_terminal";
    public const string InvalidStatus = "invalid_status";
    public const string JobExists = "job_exists";
    public const string IdempotencyConflict = "idempotency_conflict";
    public const string ContactNotFound = "contact_not_found";
    public const string WebhookNotFound = "webhook_not_found";

    /// <summary>The key's job was made more than a day ago: the key may be used again, for a job of its own.</summary>
    public const string IdempotencyKeyExpired = "idempotency_key_expired";
}
