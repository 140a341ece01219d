namespace BatchCalling.Gateway.Export;

/// <summary>
/// Cells safe to open in a spreadsheet: text that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage
/// return would be run as a formula (OWASP's "CSV injection"), so it is prefixed with <c>'</c>, which spreadsheets read as
/// "this is text" and do not show.
/// </summary>
public static class SpreadsheetCell
{
    private const string FormulaStarts = "=+-@\t\r";

    /// <summary>Any text the customer or a platform supplied; null is an empty cell.</summary>
    public static string Text(string? value) =>
        value is { Length: > 0 } && FormulaStarts.Contains(value[0], StringComparison.Ordinal) ? "'" + value : value ?? "";

    /// <summary>An E.164 number as is: a <c>+</c> and digits carry no formula. Anything else is guarded like any text.</summary>
    public static string Phone(string value) => IsE164(value) ? value : Text(value);

    private static bool IsE164(string value) => value.Length > 1 && value[0] == '+' && value.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;
}
