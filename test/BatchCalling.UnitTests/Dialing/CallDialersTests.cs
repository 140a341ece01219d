using BatchCalling.Dialing;
using BatchCalling.Organizations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BatchCalling.UnitTests.Dialing;

public sealed class CallDialersTests
{
    private static readonly DialerSettings Twilio = new(DialerType.Twilio, new Uri("https://agents.example.com/twiml"), null, "AC" + new string('0', 32), "token");
    private static readonly DialerSettings Webhook = new(DialerType.Webhook, new Uri("https://agents.example.com/calls"), "whsec_AAAA");

    private static CallDialers Dialers(DialerSettings? byDefault) =>
        new(new ServiceCollection().BuildServiceProvider(), Options.Create(new DialerOptions { Default = byDefault }), null!, TimeProvider.System);

    private static PhoneNumber Number(DialerSettings? dialer, double? callsPerSecond = null) =>
        new("pn_1", "+12025550100", "agent_1", AgentArchitecture.Pipeline, dialer, callsPerSecond);

    [Fact]
    public void A_twilio_number_starts_one_call_a_second_unless_it_says_otherwise()
    {
        Assert.Equal(1, Dialers(null).CallsPerSecond(Number(Twilio)));
        Assert.Equal(1, Dialers(Twilio).CallsPerSecond(Number(null)));
        Assert.Equal(5, Dialers(Twilio).CallsPerSecond(Number(Twilio, 5)));
    }

    [Fact]
    public void Other_numbers_are_unpaced_unless_they_say_otherwise()
    {
        Assert.Null(Dialers(Twilio).CallsPerSecond(Number(Webhook)));
        Assert.Null(Dialers(null).CallsPerSecond(Number(null)));
        Assert.Equal(2, Dialers(null).CallsPerSecond(Number(Webhook, 2)));
    }

    [Fact]
    public void A_number_can_dial_with_its_own_dialer_or_the_default_and_not_without_both()
    {
        Assert.True(Dialers(null).CanDial(Number(Webhook)));
        Assert.True(Dialers(Webhook).CanDial(Number(null)));
        Assert.False(Dialers(null).CanDial(Number(null)));
    }
}
