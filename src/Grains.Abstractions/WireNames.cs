using System.Text;
using BatchCalling.Contacts;
using BatchCalling.Jobs;

namespace BatchCalling;

/// <summary>The snake_case names statuses and outcomes have on the wire ("in_progress", "no_answer").</summary>
public static class WireNames
{
    /// <summary>The wire name of a <see cref="JobStatus"/>, <see cref="ContactStatus"/> or <see cref="CallOutcome"/>.</summary>
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => SnakeCase(value.ToString());

    /// <summary>Parses a wire name exactly as <see cref="Of{TEnum}"/> writes it (no numbers, no other case).</summary>
    public static bool TryParse<TEnum>(string? name, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (SnakeCase(candidate.ToString()) == name)
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string SnakeCase(string pascal)
    {
        var text = new StringBuilder(pascal.Length + 4);
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
