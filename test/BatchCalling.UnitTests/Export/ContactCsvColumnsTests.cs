using BatchCalling.Contacts;
using BatchCalling.Gateway.Export;

namespace BatchCalling.UnitTests.Export;

public sealed class ContactCsvColumnsTests
{
    private static readonly DateTimeOffset Attempted = new(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(-5));

    private static ContactExportRow Row(string? customFieldsJson, string? name = "Ada") =>
        new(17, new ContactInput("+12025550101", name, customFieldsJson), ContactStatus.Busy, 2, CallOutcome.Busy, "486", 92.5,
            Attempted, Attempted.AddMinutes(2), "=1+1 said the caller", "https://rec.example/1.mp3");

    [Fact]
    public void The_header_is_the_fixed_columns_then_the_custom_fields_in_their_order_guarded_too()
    {
        var columns = new ContactCsvColumns(["company", "=cmd", "appointment"]);

        Assert.Equal(
            ["index", "phone", "name", "status", "attempts", "lastOutcome", "errorCode", "callDuration", "lastAttemptAt", "completedAt",
             "summary", "recordingUrl", "company", "'=cmd", "appointment"],
            columns.Header);
    }

    [Fact]
    public void A_contact_is_its_upload_its_standing_and_its_last_calls_results_in_that_order()
    {
        var columns = new ContactCsvColumns(["company"]);

        var cells = columns.Cells(Row("""{"company":"Acme, Inc."}"""));

        Assert.Equal(
            ["17", "+12025550101", "Ada", "busy", "2", "busy", "486", "93", "2026-03-01T15:00:00Z", "2026-03-01T15:02:00Z",
             "'=1+1 said the caller", "https://rec.example/1.mp3", "Acme, Inc."],
            cells);
    }

    [Fact]
    public void A_contact_not_yet_called_has_empty_cells_where_nothing_is_known()
    {
        var columns = new ContactCsvColumns(["company"]);

        var cells = columns.Cells(new ContactExportRow(0, new ContactInput("+12025550101", null, null), ContactStatus.Pending, 0,
            null, null, null, null, null, null, null));

        Assert.Equal(["0", "+12025550101", "", "pending", "0", "", "", "", "", "", "", "", ""], cells);
    }

    [Fact]
    public void Custom_fields_go_under_their_own_columns_whatever_order_or_type_they_came_in()
    {
        var columns = new ContactCsvColumns(["score", "vip", "tags", "note", "missing", "empty", "dup"]);

        var cells = columns.Cells(Row("""{"note":"-x","tags":["a","b"],"vip":true,"score":-3,"empty":null,"dup":"first","dup":"second","other":1}"""));

        Assert.Equal(["'-3", "true", """["a","b"]""", "'-x", "", "", "first"], cells[ContactCsvColumns.Fixed.Count..]);
    }

    [Theory]
    [InlineData("=Ada", "'=Ada")]
    [InlineData("@Ada", "'@Ada")]
    [InlineData("Zoë 東京", "Zoë 東京")]
    public void A_name_is_guarded_like_any_text(string name, string cell) =>
        Assert.Equal(cell, new ContactCsvColumns([]).Cells(Row(null, name))[2]);
}
