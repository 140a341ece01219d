using BatchCalling.Dialing.Webhook;
using BatchCalling.Organizations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BatchCalling.Dialing;

/// <summary>The dialer each caller number places its calls through: the deployment's default (<c>Dialer:Default</c>).</summary>
public sealed class CallDialers
{
    /// <summary>The named HTTP client every platform is reached with (resilience per platform host).</summary>
    public const string HttpClientName = "dialer";

    private readonly ICallDialer? _default;

    public CallDialers(IServiceProvider services, IOptions<DialerOptions> options)
    {
        var settings = options.Value.Default;
        _default = settings.Type switch
        {
            null => null,
            DialerType.Simulated => services.GetRequiredService<SimulatedDialer>(),
            DialerType.Webhook => new WebhookDialer(services.GetRequiredService<IHttpClientFactory>(),
                settings.Url ?? throw new InvalidOperationException("Dialer:Default:Url is required for a webhook dialer."),
                settings.Secret ?? throw new InvalidOperationException("Dialer:Default:Secret is required for a webhook dialer."),
                services.GetRequiredService<EventsAddress>(), services.GetRequiredService<TimeProvider>()),
            _ => throw new InvalidOperationException($"Dialer:Default:Type '{settings.Type}' is not a dialer."),
        };
    }

    /// <summary>Whether calls from <paramref name="caller"/> can be placed at all (else a create is <c>400 no_dialer</c>).</summary>
    public bool CanDial(PhoneNumber caller) => _default is not null;

    /// <summary>The dialer of the organization's caller number.</summary>
    public ICallDialer For(string organizationId, string phoneNumberId) =>
        _default ?? throw new InvalidOperationException($"Phone number {phoneNumberId} of {organizationId} has no dialer, and the deployment has no default.");
}
