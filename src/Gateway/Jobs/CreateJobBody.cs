using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BatchCalling.Gateway.Jobs;

/// <summary>
/// The two shapes of a create, for the OpenAPI document only: the request itself is read by <see cref="CreateJobRequest"/>,
/// which keeps every custom contact field as it came and judges wrong types as validation errors.
/// </summary>
public sealed record CreateJobBody(
    [property: Description("A phone number of the caller's organization with an outbound agent.")] string FromPhoneNumberId,
    [property: Description("1–200 characters.")] string Name,
    [property: Description("At most 1000 characters.")] string? Description,
    [property: Description("The contacts, at most 10,000.")] IReadOnlyList<ContactBody> Contacts,
    [property: Description("1–50, default 5.")] int? ConcurrentCallLimit,
    [property: Description("1–10, default 3; or give retryPolicy.")] int? MaxAttempts,
    [property: Description("0–86400, default 300: the least time between an attempt's end and the next.")] int? RetryDelaySeconds,
    [property: Description("ISO 8601; without an offset, a wall-clock time in timezone.")] string? ScheduledStartTime,
    [property: Description("IANA zone, default UTC.")] string? Timezone,
    [property: Description("Default true: a job without a schedule starts at once.")] bool? AutoStart,
    [property: Description("Default false: true fails the request on any invalid row.")] bool? RejectInvalid,
    [property: Description("Default false: a voicemail outcome is retried like no_answer.")] bool? RetryOnVoicemail,
    [property: Description("An alternative to maxAttempts and retryOnVoicemail.")] RetryPolicyBody? RetryPolicy,
    [property: Description("Any JSON object of at most 4 KB, echoed in the job.")] JsonElement? Metadata,
    [property: Description("Default false: validate and estimate, create nothing.")] bool? DryRun,
    [property: Description("60–7200, default 1800: a call still up then is ended by its platform, else hung up and ended timeout.")] int? MaxCallDurationSeconds,
    [property: Description("ISO 8601, read like scheduledStartTime: no call starts after it; contacts not final then end cancelled (expired) and the job completed.")] string? EndAt,
    [property: Description("When contacts may be called, in each contact's own local time; default: any time.")] CallingWindowBody? CallingWindow);

/// <summary>One contact of a JSON create: <c>phone</c> in E.164, an optional <c>name</c>, and any other property kept as it is.</summary>
public sealed record ContactBody(string Phone, string? Name)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? CustomFields { get; init; }
}

/// <summary><c>retryPolicy</c> in a create.</summary>
public sealed record RetryPolicyBody(
    [property: Description("1–10.")] int? MaxAttempts,
    [property: Description("Any of no_answer, busy, timeout, voicemail.")] IReadOnlyList<string>? RetryableStatuses);

/// <summary>
/// <c>callingWindow</c> in a create: <c>start</c> and <c>end</c> (<c>HH:mm</c>, the end exclusive, a start after the end
/// overnight) with optional <c>days</c>, or a <c>preset</c> alone.
/// </summary>
public sealed record CallingWindowBody(
    [property: Description("HH:mm, local to each contact.")] string? Start,
    [property: Description("HH:mm, exclusive; before start: the window runs overnight into the next day.")] string? End,
    [property: Description("Any of mon, tue, wed, thu, fri, sat, sun (the day an overnight window opens); default all.")] IReadOnlyList<string>? Days,
    [property: Description("tcpa: 08:00–21:00 every day (the US federal rule). Given alone.")] string? Preset);

/// <summary>A multipart create: the CSV <c>file</c> (a <c>phone</c> column, optional <c>name</c>, other columns kept) and the fields of a JSON create as text.</summary>
public sealed record CreateJobForm(
    IFormFile File, string FromPhoneNumberId, string Name, string? Description, string? ConcurrentCallLimit, string? MaxAttempts,
    string? RetryDelaySeconds, string? ScheduledStartTime, string? Timezone, string? AutoStart, string? RejectInvalid, string? RetryOnVoicemail,
    [property: Description("The retryPolicy object as JSON text.")] string? RetryPolicy,
    [property: Description("The metadata object as JSON text.")] string? Metadata,
    string? DryRun, string? MaxCallDurationSeconds, string? EndAt,
    [property: Description("The callingWindow object as JSON text.")] string? CallingWindow);
