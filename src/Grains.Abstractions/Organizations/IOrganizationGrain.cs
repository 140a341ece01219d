using BatchCalling.Webhooks;
using Orleans.Concurrency;

namespace BatchCalling.Organizations;

/// <summary>One organization (key: organization id): settings, caller numbers, API key hashes, credits and webhook endpoints.</summary>
[Alias("batch.IOrganizationGrain")]
public interface IOrganizationGrain : IGrainWithStringKey
{
    /// <summary>Creates or updates the organization (see <see cref="OrganizationSettings"/> for what an update keeps).</summary>
    [Alias("Upsert")]
    Task<OrganizationInfo> UpsertAsync(OrganizationSettings settings);

    /// <summary>The organization, or null when it was never created. Interleaves: the throttle reads it while activating.</summary>
    [Alias("Get"), AlwaysInterleave]
    Task<OrganizationInfo?> GetAsync();

    /// <summary>Adds or replaces a caller number; false when the organization does not exist.</summary>
    [Alias("SetPhoneNumber")]
    Task<bool> SetPhoneNumberAsync(PhoneNumber phoneNumber);

    /// <summary>Adds (or, when negative, subtracts) credits; null when the organization does not exist.</summary>
    [Alias("AddCredits")]
    Task<decimal?> AddCreditsAsync(decimal amount);

    /// <summary>Records that an API key (by its hash; <paramref name="prefix"/> is its first characters) belongs to this organization; false when it does not exist.</summary>
    [Alias("AddApiKey")]
    Task<bool> AddApiKeyAsync(string keyHash, string prefix);

    /// <summary>The organization's API keys, or null when it does not exist.</summary>
    [Alias("ListApiKeys")]
    Task<IReadOnlyList<ApiKeyInfo>?> ListApiKeysAsync();

    /// <summary>Revokes a key by its id at once; null when the organization does not exist, false when it has no such key.</summary>
    [Alias("RevokeApiKey")]
    Task<bool?> RevokeApiKeyAsync(string keyId);

    /// <summary>Charges a job up to its reported total (once, however often it is reported) and tells whether it may keep dialing from its number.</summary>
    [Alias("CheckDispatch")]
    Task<DispatchCheck> CheckDispatchAsync(ChargeReport report);

    /// <summary>Registers a webhook endpoint (its URL already checked by the caller); the answer carries its secret, this once.</summary>
    [Alias("CreateWebhook")]
    Task<WebhookCreateResult> CreateWebhookAsync(Uri url, IReadOnlyList<string> events);

    /// <summary>The organization's webhook endpoints, without secrets. Interleaves: every silo's job events read it.</summary>
    [Alias("ListWebhooks"), AlwaysInterleave]
    Task<IReadOnlyList<WebhookInfo>> ListWebhooksAsync();

    /// <summary>One endpoint with its secrets, for its deliverer; null when there is none (any more). Interleaves like the list.</summary>
    [Alias("GetWebhook"), AlwaysInterleave]
    Task<WebhookEndpoint?> GetWebhookAsync(string webhookId);

    /// <summary>Removes an endpoint: nothing more is delivered to it. False when there is no such endpoint.</summary>
    [Alias("DeleteWebhook")]
    Task<bool> DeleteWebhookAsync(string webhookId);

    /// <summary>A new secret for the endpoint (the old one signs too for 24 hours); null when there is no such endpoint.</summary>
    [Alias("RotateWebhookSecret")]
    Task<string?> RotateWebhookSecretAsync(string webhookId);

    /// <summary>Queues a <c>ping</c> event for the endpoint; its event id, or null when there is no such endpoint.</summary>
    [Alias("TestWebhook")]
    Task<string?> TestWebhookAsync(string webhookId);

    /// <summary>The endpoint's most recent deliveries, newest first; null when there is no such endpoint.</summary>
    [Alias("GetWebhookDeliveries")]
    Task<IReadOnlyList<WebhookDelivery>?> GetWebhookDeliveriesAsync(string webhookId);
}
