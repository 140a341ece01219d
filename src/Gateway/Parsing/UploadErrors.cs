namespace BatchCalling.Gateway.Parsing;

/// <summary>Codes for an upload that cannot be read at all.</summary>
public static class UploadErrors
{
    public const string InvalidCsv = "invalid_csv";
    public const string MissingPhoneColumn = "missing_phone_column";
    public const string TooManyContacts = "too_many_contacts";
    public const string NoValidContacts = "no_valid_contacts";
}
