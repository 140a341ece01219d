using BatchCalling.Jobs;
using BatchCalling.Windows;

namespace BatchCalling.Gateway.Parsing;

/// <summary>A create request's fields after every rule passed.</summary>
public sealed record JobSettings(
    string FromPhoneNumberId,
    string Name,
    string? Description,
    int ConcurrentCallLimit,
    RetryPolicy RetryPolicy,
    int RetryDelaySeconds,
    DateTimeOffset? ScheduledStartTime,
    string Timezone,
    bool AutoStart,
    bool RejectInvalid,
    string? MetadataJson,
    bool DryRun,
    int MaxCallDurationSeconds,
    DateTimeOffset? EndAt = null,
    CallingWindow? CallingWindow = null);
