using BatchCalling.Gateway.Export;

namespace BatchCalling.UnitTests.Export;

public sealed class SpreadsheetCellTests
{
    [Theory]
    [InlineData("=SUM(A1:A2)", "'=SUM(A1:A2)")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(1)", "'@SUM(1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")")]
    public void Text_that_a_spreadsheet_would_run_is_prefixed_with_a_quote(string value, string cell) =>
        Assert.Equal(cell, SpreadsheetCell.Text(value));

    [Theory]
    [InlineData("Ada Lovelace", "Ada Lovelace")]
    [InlineData("a=b", "a=b")]
    [InlineData(" =1", " =1")]
    [InlineData("\n=1", "\n=1")]
    [InlineData("'quoted", "'quoted")]
    [InlineData("Zoë 東京 🎉", "Zoë 東京 🎉")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Other_text_is_written_as_is_and_null_is_empty(string? value, string cell) =>
        Assert.Equal(cell, SpreadsheetCell.Text(value));

    [Theory]
    [InlineData("+12025550101", "+12025550101")]
    [InlineData("+923001948774", "+923001948774")]
    [InlineData("+1 202-555-0101", "'+1 202-555-0101")]
    [InlineData("+1=1", "'+1=1")]
    [InlineData("+", "'+")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("12025550101", "12025550101")]
    public void An_E164_phone_keeps_its_plus_and_anything_else_in_the_column_is_guarded(string phone, string cell) =>
        Assert.Equal(cell, SpreadsheetCell.Phone(phone));
}
