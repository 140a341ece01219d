using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BatchCalling.Recipients;

/// <summary>
/// Where a number of an organization lives: a hash of the organization and the number (the only form counters and holds
/// keep), and the range of <see cref="Ranges"/> it falls in, one grain each. Fixed: changing it moves every number.
/// </summary>
public static class RecipientKey
{
    /// <summary>About a thousand numbers a range for a million-number list: a small state to read, write and hold.</summary>
    public const int Ranges = 1024;

    /// <summary>The first 8 bytes of SHA-256 over the organization and the number: stable across processes and versions.</summary>
    public static ulong Hash(string organizationId, string phone)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(organizationId + "\n" + phone), digest);
        return BinaryPrimitives.ReadUInt64BigEndian(digest);
    }

    public static int Range(string organizationId, string phone) => (int)(Hash(organizationId, phone) % Ranges);

    /// <summary>The key of the range grain that holds <paramref name="phone"/> for the organization.</summary>
    public static string For(string organizationId, string phone) => Of(organizationId, Range(organizationId, phone));

    public static string Of(string organizationId, int range) => organizationId + "/" + range.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// An E.164 number as the number its digits make (at most 15: it fits; no country code starts with 0, so nothing is
    /// lost): a third of a string's memory in a million-number list.
    /// </summary>
    public static bool TryDigits(string phone, out ulong digits)
    {
        digits = 0;
        return phone.Length is >= 2 and <= 16 && phone[0] == '+' && phone[1] != '0'
            && ulong.TryParse(phone.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out digits);
    }

    public static string E164(ulong digits) => "+" + digits.ToString(CultureInfo.InvariantCulture);
}
