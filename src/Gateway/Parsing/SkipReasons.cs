namespace BatchCalling.Gateway.Parsing;

/// <summary>Why an uploaded row was skipped (API.md "Invalid and duplicate rows").</summary>
public static class SkipReasons
{
    public const string MissingPhone = "missing_phone";
    public const string InvalidPhoneFormat = "invalid_phone_format";
    public const string InvalidPhoneNumber = "invalid_phone_number";
    public const string DuplicatePhone = "duplicate_phone";
    public const string InvalidTimezone = "invalid_timezone";
}
