namespace BatchCalling.Gateway.Parsing;

/// <summary>
/// The fields of a create request as they arrived (form fields, or JSON values as text; JSON objects as their JSON),
/// before any rule is applied. <see cref="WrongTypes"/> names JSON fields whose value had a type the field cannot take.
/// </summary>
public sealed record CreateJobFields(
    string? FromPhoneNumberId,
    string? Name,
    string? Description,
    string? ConcurrentCallLimit,
    string? MaxAttempts,
    string? RetryDelaySeconds,
    string? ScheduledStartTime,
    string? Timezone,
    string? AutoStart,
    string? RejectInvalid,
    IReadOnlySet<string> WrongTypes,
    string? RetryPolicy = null,
    string? RetryOnVoicemail = null,
    string? Metadata = null,
    string? DryRun = null,
    string? MaxCallDurationSeconds = null,
    string? EndAt = null,
    string? CallingWindow = null)
{
    /// <summary>Fields whose value is a JSON object (in a form, its JSON text).</summary>
    public static readonly IReadOnlySet<string> ObjectFields = new HashSet<string> { "retryPolicy", "metadata", CallingWindowRules.Field };

    /// <summary>Reads every field by its wire name through <paramref name="field"/>.</summary>
    public static CreateJobFields From(Func<string, string?> field, IReadOnlySet<string> wrongTypes) =>
        new(field("fromPhoneNumberId"), field("name"), field("description"), field("concurrentCallLimit"), field("maxAttempts"),
            field("retryDelaySeconds"), field("scheduledStartTime"), field("timezone"), field("autoStart"), field("rejectInvalid"), wrongTypes,
            field("retryPolicy"), field("retryOnVoicemail"), field("metadata"), field("dryRun"),
            field("maxCallDurationSeconds"), field("endAt"), field(CallingWindowRules.Field));
}
