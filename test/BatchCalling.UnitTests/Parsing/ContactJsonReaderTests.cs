using System.Text.Json;
using BatchCalling.Gateway.Parsing;

namespace BatchCalling.UnitTests.Parsing;

public sealed class ContactJsonReaderTests
{
    private static ContactUpload Read(string json) => ContactJsonReader.Read(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void Extra_properties_are_kept_as_any_json_value()
    {
        var upload = Read("""[{ "phone": "+12025550101", "name": "Ada", "tier": 3, "tags": ["a"], "vip": true, "meta": { "x": null } }]""");

        var contact = Assert.Single(upload.Contacts);
        Assert.Equal("Ada", contact.Name);
        Assert.Equal("""{"tier":3,"tags":["a"],"vip":true,"meta":{"x":null}}""", contact.CustomFieldsJson);
    }

    [Fact]
    public void Rows_are_numbered_by_zero_based_index()
    {
        var upload = Read("""[{ "phone": "+12025550101" }, { "phone": 12025550102 }, { "name": "no phone" }, 7, { "phone": "+12025550101" }]""");

        Assert.Single(upload.Contacts);
        Assert.Equal(
            [
                new SkippedContact(1, "12025550102", SkipReasons.InvalidPhoneFormat),
                new SkippedContact(2, null, SkipReasons.MissingPhone),
                new SkippedContact(3, null, SkipReasons.MissingPhone),
                new SkippedContact(4, "+12025550101", SkipReasons.DuplicatePhone),
            ],
            upload.Skipped);
    }
}
