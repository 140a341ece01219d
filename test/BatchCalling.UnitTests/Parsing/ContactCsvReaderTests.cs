using System.Text;
using System.Text.Json;
using BatchCalling.Gateway.Parsing;

namespace BatchCalling.UnitTests.Parsing;

public sealed class ContactCsvReaderTests
{
    private static ContactUpload ReadFile(string name)
    {
        using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Data", name));
        return ContactCsvReader.Read(file);
    }

    private static ContactUpload ReadText(string csv) => ContactCsvReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)));

    private static Dictionary<string, string> Fields(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(json)!;

    [Fact]
    public void Small_sample_keeps_every_row_and_quoted_commas()
    {
        var upload = ReadFile("contacts-small.csv");

        Assert.Null(upload.Error);
        Assert.Equal(10, upload.Contacts.Count);
        Assert.Equal(0, upload.SkippedCount);
        var first = upload.Contacts[0];
        Assert.Equal("+13124139674", first.Phone);
        Assert.Equal("Contact 1", first.Name);
        Assert.Equal(new Dictionary<string, string> { ["company"] = "Acme, Inc. #1", ["appointment"] = "2026-12-02" }, Fields(first.CustomFieldsJson));
        var last = upload.Contacts[^1];
        Assert.Equal(("+13038406388", "Contact 10"), (last.Phone, last.Name));
        Assert.Equal("Acme, Inc. #10", Fields(last.CustomFieldsJson)["company"]);
    }

    [Fact]
    public void Ten_thousand_sample_is_read_whole()
    {
        var upload = ReadFile("contacts-10k.csv");

        Assert.Null(upload.Error);
        Assert.Equal(10_000, upload.Contacts.Count);
        Assert.Equal(10_000, upload.Contacts.Select(c => c.Phone).Distinct().Count());
        Assert.Equal(("+923001948774", "Contact 1"), (upload.Contacts[0].Phone, upload.Contacts[0].Name));
        Assert.Equal(("+18086747738", "Contact 10000"), (upload.Contacts[^1].Phone, upload.Contacts[^1].Name));
        Assert.Equal("Acme, Inc. #9", Fields(upload.Contacts[^1].CustomFieldsJson)["company"]);
    }

    [Fact]
    public void Mixed_sample_skips_exactly_the_bad_rows_by_record_number()
    {
        var upload = ReadFile("contacts-mixed.csv");

        Assert.Null(upload.Error);
        Assert.Equal(
            [("+12025550101", "Ada", "likes \"quotes\", commas"), ("+442071838750", "Eve", "London")],
            upload.Contacts.Select(c => (c.Phone, c.Name, Fields(c.CustomFieldsJson)["Notes"])).ToList());
        Assert.Equal(5, upload.SkippedCount);
        Assert.Equal(
            [
                new SkippedContact(2, "12025550102", SkipReasons.InvalidPhoneFormat),
                new SkippedContact(3, "+1 202-555-0103", SkipReasons.InvalidPhoneFormat),
                new SkippedContact(4, "+12025550101", SkipReasons.DuplicatePhone),
                new SkippedContact(6, "", SkipReasons.MissingPhone),
                new SkippedContact(7, "+97141234567", SkipReasons.InvalidPhoneNumber),
            ],
            upload.Skipped);
    }

    [Fact]
    public void A_quoted_field_spanning_lines_is_one_record()
    {
        var upload = ReadText("phone,note\n+12025550101,\"line one\nline two\"\nbad,x\n");

        Assert.Equal("line one\nline two", Fields(upload.Contacts[0].CustomFieldsJson)["note"]);
        Assert.Equal(2, Assert.Single(upload.Skipped).Row);
    }

    [Theory]
    [InlineData("name,number\nAda,+12025550101\n", UploadErrors.MissingPhoneColumn)]
    [InlineData("", UploadErrors.InvalidCsv)]
    [InlineData("phone\n\"+12025550101\n", UploadErrors.InvalidCsv)]
    [InlineData("phone\n12025550101\n", UploadErrors.NoValidContacts)]
    public void Unusable_uploads_are_refused_with_their_code(string csv, string error) =>
        Assert.Equal(error, ReadText(csv).Error);

    [Fact]
    public void Binary_content_is_not_csv() =>
        Assert.Equal(UploadErrors.InvalidCsv, ContactCsvReader.Read(new MemoryStream([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0xFF, 0xFE, 0x0A])).Error);

    [Fact]
    public void More_than_ten_thousand_rows_is_too_many()
    {
        var csv = new StringBuilder("phone\n");
        for (var i = 0; i < 10_001; i++)
        {
            csv.Append("+1202555").Append((1000 + i).ToString("0000", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }

        Assert.Equal(UploadErrors.TooManyContacts, ReadText(csv.ToString()).Error);
    }

    [Fact]
    public void Header_is_matched_ignoring_case_and_spaces_and_short_rows_are_tolerated()
    {
        var upload = ReadText(" PHONE ,Name,city\r\n+12025550101\r\n");

        var contact = Assert.Single(upload.Contacts);
        Assert.Null(contact.Name);
        Assert.Equal("", Fields(contact.CustomFieldsJson)["city"]);
    }

    [Fact]
    public void At_most_one_hundred_skips_are_listed_but_all_are_counted()
    {
        var csv = new StringBuilder("phone\n+12025550101\n");
        for (var i = 0; i < 150; i++)
        {
            csv.Append("bad\n");
        }

        var upload = ReadText(csv.ToString());
        Assert.Equal(150, upload.SkippedCount);
        Assert.Equal(100, upload.Skipped.Count);
    }
}
