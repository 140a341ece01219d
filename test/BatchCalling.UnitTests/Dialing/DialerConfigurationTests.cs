using BatchCalling.Dialing;
using BatchCalling.Dialing.Twilio;
using BatchCalling.Hosting;
using BatchCalling.Organizations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BatchCalling.UnitTests.Dialing;

/// <summary>The deployment's default dialer and Twilio's address, as configuration gives them.</summary>
public sealed class DialerConfigurationTests
{
    [Fact]
    public void A_twilio_default_takes_the_same_fields_as_the_admin_dialer()
    {
        using var services = Services(
            ("Dialer:Default:Type", "Twilio"), ("Dialer:Default:AccountSid", "AC0123456789abcdef0123456789abcdef"),
            ("Dialer:Default:AuthToken", "feedfacefeedfacefeedfacefeedface"), ("Dialer:Default:Url", "https://agents.example.com/twiml"),
            ("Dialer:Default:MachineDetection", "true"), ("Dialer:Twilio:BaseUrl", "http://127.0.0.1:5090"));

        Assert.Equal(new DialerSettings(DialerType.Twilio, new Uri("https://agents.example.com/twiml"), null, "AC0123456789abcdef0123456789abcdef",
            "feedfacefeedfacefeedfacefeedface", MachineDetection: true), services.GetRequiredService<IOptions<DialerOptions>>().Value.Default);
        Assert.Equal(new Uri("http://127.0.0.1:5090"), services.GetRequiredService<IOptions<TwilioDialerOptions>>().Value.BaseUrl);
    }

    [Fact]
    public void Twilio_is_twilios_own_api_unless_configured()
    {
        using var services = Services();

        Assert.Equal(new Uri("https://api.twilio.com"), services.GetRequiredService<IOptions<TwilioDialerOptions>>().Value.BaseUrl);
    }

    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        var profile = BatchProfile.From(configuration);
        return new ServiceCollection().AddBatchDialers(configuration, profile.IsProduction, profile.AllowPrivateAddresses).BuildServiceProvider();
    }
}
