using System.Globalization;
using System.Text;
using System.Text.Json;

namespace BatchCalling.Gateway.Parsing;

/// <summary>The field rules of a create (API.md "POST /batch/jobs"): presence, types and ranges, then time zone and start time.</summary>
public static class CreateJobRules
{
    public const string ValidationError = "validation_error";
    public const string PastScheduledTime = "past_scheduled_time";
    public const int MaxMetadataBytes = 4096;

    public static string InvalidTimezoneDetail(string timezone) =>
        $"Invalid timezone '{timezone}'. Use IANA timezone format (e.g., 'America/New_York', 'Asia/Karachi', 'UTC').";

    public const string InvalidDatetimeDetail = "Invalid datetime format. Use format like '2025-03-01T10:00:00'.";
    public const string PastScheduledTimeDetail = "Scheduled start time must be in the future";

    public static FieldCheck Check(CreateJobFields fields, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var field in fields.WrongTypes)
        {
            errors[field] = ["Has the wrong type."];
        }

        var name = Text(errors, "name", fields.Name, required: true, maxLength: 200);
        var description = Text(errors, "description", fields.Description, required: false, maxLength: 1000);
        var from = Text(errors, "fromPhoneNumberId", fields.FromPhoneNumberId, required: true, maxLength: 200);
        var limit = Int(errors, "concurrentCallLimit", fields.ConcurrentCallLimit, 5, 1, 50);
        int? attempts = string.IsNullOrEmpty(fields.MaxAttempts) ? null : Int(errors, "maxAttempts", fields.MaxAttempts, 0, 1, 10);
        var delay = Int(errors, "retryDelaySeconds", fields.RetryDelaySeconds, 300, 0, 86_400);
        var autoStart = Bool(errors, "autoStart", fields.AutoStart, true);
        var rejectInvalid = Bool(errors, "rejectInvalid", fields.RejectInvalid, false);
        bool? retryOnVoicemail = string.IsNullOrEmpty(fields.RetryOnVoicemail) ? null : Bool(errors, "retryOnVoicemail", fields.RetryOnVoicemail, false);
        var maxCallSeconds = Int(errors, "maxCallDurationSeconds", fields.MaxCallDurationSeconds, 1800, 60, 7200);
        var dryRun = Bool(errors, "dryRun", fields.DryRun, false);
        var metadata = Metadata(errors, fields.Metadata);
        var callingWindow = CallingWindowRules.Read(errors, fields.CallingWindow);
        var retryPolicy = errors.Count > 0 ? null : RetryPolicyRules.Read(errors, fields.RetryPolicy, attempts, retryOnVoicemail);
        if (errors.Count > 0)
        {
            return new FieldCheck(null, ValidationError, "One or more fields are invalid.", errors);
        }

        var timezone = string.IsNullOrEmpty(fields.Timezone) ? "UTC" : fields.Timezone;
        if (ScheduleTimeParser.FindZone(timezone) is null)
        {
            return new FieldCheck(null, ScheduleTimeParser.InvalidTimezone, InvalidTimezoneDetail(timezone));
        }

        var (startAt, startProblem) = FutureTime(fields.ScheduledStartTime, timezone, now);
        var (endAt, endProblem) = FutureTime(fields.EndAt, timezone, now);
        if ((startProblem ?? endProblem) is { } problem)
        {
            // A past end is no scheduling mistake: it is a field out of its range.
            return ReferenceEquals(problem, endProblem) && problem.Error == PastScheduledTime ? Invalid("endAt", "Must be in the future.") : problem;
        }

        if (endAt <= startAt)
        {
            return Invalid("endAt", "Must be after scheduledStartTime.");
        }

        return new FieldCheck(new JobSettings(from!, name!, description, limit, retryPolicy!, delay, startAt, timezone, autoStart, rejectInvalid, metadata, dryRun,
            maxCallSeconds, endAt, callingWindow));
    }

    private static FieldCheck Invalid(string field, string message) =>
        new(null, ValidationError, "One or more fields are invalid.", new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A time read in <paramref name="timezone"/> (see API.md "Times") that must be after now; none when not given.</summary>
    private static (DateTimeOffset? At, FieldCheck? Problem) FutureTime(string? text, string timezone, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (null, null);
        }

        var (utc, error) = ScheduleTimeParser.Parse(text, timezone);
        return error is not null ? (null, new FieldCheck(null, error, InvalidDatetimeDetail))
            : utc <= now ? (null, new FieldCheck(null, PastScheduledTime, PastScheduledTimeDetail))
            : (utc, null);
    }

    private static string? Text(Dictionary<string, string[]> errors, string field, string? value, bool required, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.TryAdd(field, ["Is required."]);
            }

            return null;
        }

        if (value.Length > maxLength)
        {
            errors.TryAdd(field, [$"Must be at most {maxLength} characters."]);
        }

        return value;
    }

    /// <summary>Any JSON object of at most 4 KB, kept as its text.</summary>
    private static string? Metadata(Dictionary<string, string[]> errors, string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        if (IsJsonObject(json) && Encoding.UTF8.GetByteCount(json) <= MaxMetadataBytes)
        {
            return json;
        }

        errors.TryAdd("metadata", [$"Must be a JSON object of at most {MaxMetadataBytes} bytes."]);
        return null;
    }

    private static bool IsJsonObject(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static int Int(Dictionary<string, string[]> errors, string field, string? value, int fallback, int min, int max)
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            errors.TryAdd(field, [$"Must be a whole number from {min} to {max}."]);
        }

        return number;
    }

    private static bool Bool(Dictionary<string, string[]> errors, string field, string? value, bool fallback)
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        if (!bool.TryParse(value, out var flag))
        {
            errors.TryAdd(field, ["Must be true or false."]);
        }

        return flag;
    }
}
