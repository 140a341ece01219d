using System.Text.Json;
using BatchCalling.Contacts;
using BatchCalling.Jobs;

namespace BatchCalling.Gateway.Parsing;

/// <summary>
/// Reads a create's retry settings: <c>retryPolicy</c> (<c>{ "maxAttempts": 3, "retryableStatuses": [...] }</c>), or the
/// older <c>maxAttempts</c> and <c>retryOnVoicemail</c>. Both may be sent only when they agree.
/// </summary>
public static class RetryPolicyRules
{
    public const int DefaultMaxAttempts = 3;

    private const string Field = "retryPolicy";

    /// <summary>The policy, or null with the reason added to <paramref name="errors"/>.</summary>
    public static RetryPolicy? Read(Dictionary<string, string[]> errors, string? policyJson, int? maxAttempts, bool? retryOnVoicemail)
    {
        var fallback = RetryPolicy.Default(maxAttempts ?? DefaultMaxAttempts, retryOnVoicemail ?? false);
        if (policyJson is null)
        {
            return fallback;
        }

        if (Parse(policyJson) is not { } policy)
        {
            errors.TryAdd(Field, ["Must be an object { \"maxAttempts\": 1-10, \"retryableStatuses\": [\"no_answer\", \"busy\", \"timeout\", \"voicemail\"] }."]);
            return null;
        }

        var attempts = policy.MaxAttempts ?? maxAttempts ?? DefaultMaxAttempts;
        var statuses = policy.Statuses ?? fallback.RetryableOutcomes;
        if (maxAttempts is { } top && top != attempts)
        {
            errors.TryAdd(Field, ["maxAttempts differs from retryPolicy.maxAttempts; send one of them."]);
            return null;
        }

        if (retryOnVoicemail is { } voicemail && voicemail != statuses.Contains(CallOutcome.Voicemail))
        {
            errors.TryAdd(Field, ["retryOnVoicemail disagrees with retryPolicy.retryableStatuses; send one of them."]);
            return null;
        }

        return new RetryPolicy(attempts, [.. RetryPolicy.Retryable.Where(statuses.Contains)]);
    }

    /// <summary>The object's two optional properties; null when it is not such an object.</summary>
    private static (int? MaxAttempts, IReadOnlyList<CallOutcome>? Statuses)? Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.EnumerateObject().Any(p => p.Name is not ("maxAttempts" or "retryableStatuses")))
            {
                return null;
            }

            int? attempts = null;
            if (root.TryGetProperty("maxAttempts", out var max))
            {
                if (max.ValueKind != JsonValueKind.Number || !max.TryGetInt32(out var n) || n is < 1 or > 10)
                {
                    return null;
                }

                attempts = n;
            }

            List<CallOutcome>? statuses = null;
            if (root.TryGetProperty("retryableStatuses", out var list))
            {
                if (list.ValueKind != JsonValueKind.Array)
                {
                    return null;
                }

                statuses = [];
                foreach (var item in list.EnumerateArray())
                {
                    if (!WireNames.TryParse<CallOutcome>(item.ValueKind == JsonValueKind.String ? item.GetString() : null, out var outcome)
                        || !RetryPolicy.Retryable.Contains(outcome))
                    {
                        return null;
                    }

                    statuses.Add(outcome);
                }
            }

            return (attempts, statuses);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
