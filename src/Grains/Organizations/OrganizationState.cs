using BatchCalling.Webhooks;

namespace BatchCalling.Organizations;

/// <summary>The stored organization: small, changed only by the admin API, by charges (bounded: running jobs and the last closed ones) and by its webhook endpoints.</summary>
[GenerateSerializer, Alias("batch.organization-state")]
public sealed class OrganizationState
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public int ConcurrencyLimit { get; set; }
    [Id(2)] public decimal Credits { get; set; }
    [Id(3)] public Dictionary<string, PhoneNumber> PhoneNumbers { get; set; } = [];
    [Id(4)] public HashSet<string> ApiKeyHashes { get; set; } = [];

    /// <summary>What each job with calls still possible has been charged in all (see <see cref="ChargeReport"/>).</summary>
    [Id(5)] public Dictionary<string, decimal> ChargedByJob { get; set; } = [];

    /// <summary>The jobs whose last report came most recently, oldest first: a late copy of their reports charges nothing.</summary>
    [Id(6)] public List<string> ClosedJobs { get; set; } = [];

    /// <summary>For keys issued since listing began: their first characters and when they were made, by hash.</summary>
    [Id(7)] public Dictionary<string, ApiKeyRecord> ApiKeyRecords { get; set; } = [];

    /// <summary>How many calls of the organization may start per second, across its numbers (null: no limit).</summary>
    [Id(8)] public double? CallsPerSecond { get; set; }

    /// <summary>Its webhook endpoints, oldest first (at most <see cref="WebhookRegistry.MaxEndpoints"/>).</summary>
    [Id(9)] public List<WebhookEndpoint> Webhooks { get; set; } = [];

    /// <summary>How often one number may be called across the organization's jobs (null: no cap).</summary>
    [Id(10)] public RecipientCap? RecipientCap { get; set; }
}
