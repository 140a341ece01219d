using PhoneNumbers;

namespace BatchCalling.Gateway.Parsing;

/// <summary>Strict E.164 (a '+', then at most 15 digits, nothing else) and a real number for its region.</summary>
public static class PhoneNumberRules
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>Null when the number is acceptable, else the skip reason.</summary>
    public static string? Check(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return SkipReasons.MissingPhone;
        }

        if (!IsStrictE164(phone))
        {
            return SkipReasons.InvalidPhoneFormat;
        }

        try
        {
            return Util.IsValidNumber(Util.Parse(phone, null)) ? null : SkipReasons.InvalidPhoneNumber;
        }
        catch (NumberParseException)
        {
            return SkipReasons.InvalidPhoneNumber;
        }
    }

    public static bool IsStrictE164(string phone) =>
        phone.Length is >= 2 and <= 16 && phone[0] == '+' && phone.AsSpan(1).ContainsAnyExceptInRange('0', '9') is false;
}
