using BatchCalling.Contacts;
using BatchCalling.Jobs;

namespace BatchCalling.UnitTests.Jobs;

public sealed class CustomFieldNamesTests
{
    private static ContactInput Contact(string? customFieldsJson) => new("+12025550101", null, customFieldsJson);

    [Fact]
    public void Each_name_comes_once_in_the_order_it_first_appears()
    {
        var names = CustomFieldNames.Of([
            Contact("""{"company":"Acme","city":"Paris"}"""),
            Contact(null),
            Contact("""{"city":"Rome","score":3,"company":"B"}"""),
            Contact("""{"tags":["a",{"nested":1}],"profile":{"age":40},"City":"x","score":null}"""),
        ]);

        Assert.Equal(["company", "city", "score", "tags", "profile", "City"], names);
    }

    [Fact]
    public void Contacts_without_custom_fields_have_none() =>
        Assert.Empty(CustomFieldNames.Of([Contact(null), Contact("{}")]));
}
