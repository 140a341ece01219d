namespace BatchCalling.Parsing;

/// <summary>
/// The fields of a create request as they arrived (form fields, or JSON values as text), before any rule is applied.
/// <see cref="WrongTypes"/> names JSON fields whose value had a type the field cannot take.
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
    IReadOnlySet<string> WrongTypes);
