using BatchCalling.Gateway.Parsing;

namespace BatchCalling.UnitTests.Parsing;

public sealed class PhoneNumberRulesTests
{
    [Theory]
    [InlineData("+12025550101", null)]
    [InlineData("+442071838750", null)]
    [InlineData("+923001948774", null)]
    [InlineData("12025550101", SkipReasons.InvalidPhoneFormat)]
    [InlineData("+1 202-555-0101", SkipReasons.InvalidPhoneFormat)]
    [InlineData("(202) 555-0101", SkipReasons.InvalidPhoneFormat)]
    [InlineData("+1202555010112345", SkipReasons.InvalidPhoneFormat)]
    [InlineData("+", SkipReasons.InvalidPhoneFormat)]
    [InlineData("+١٢٠٢٥٥٥٠١٠١", SkipReasons.InvalidPhoneFormat)]
    [InlineData("+97141234567", SkipReasons.InvalidPhoneNumber)]
    [InlineData("+10000000000", SkipReasons.InvalidPhoneNumber)]
    [InlineData("", SkipReasons.MissingPhone)]
    [InlineData(null, SkipReasons.MissingPhone)]
    public void Strict_e164_and_a_real_number(string? phone, string? reason) =>
        Assert.Equal(reason, PhoneNumberRules.Check(phone));
}
