using System.Collections.Concurrent;
using BatchCalling.Dialing.Twilio;
using BatchCalling.Dialing.Webhook;
using BatchCalling.Organizations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BatchCalling.Dialing;

/// <summary>
/// The dialer each caller number places its calls through: its own (admin API), else the deployment's default
/// (<c>Dialer:Default</c>). A number's settings are read from its organization and kept for <see cref="Freshness"/>, so a
/// changed dialer or secret is used by every silo within that time; one dialer serves all numbers with the same settings.
/// </summary>
public sealed class CallDialers(IServiceProvider services, IOptions<DialerOptions> options, IGrainFactory grains, TimeProvider time)
{
    /// <summary>The named HTTP client every platform is reached with (resilience per platform host).</summary>
    public const string HttpClientName = "dialer";

    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<DialerSettings, ICallDialer> _dialers = new();
    private readonly RecentReads<(string Organization, string PhoneNumber), DialerSettings?> _numbers = new(time, Freshness);

    private DialerSettings? Default => options.Value.Default;

    /// <summary>Whether calls from <paramref name="caller"/> can be placed at all (else a create is <c>400 no_dialer</c>).</summary>
    public bool CanDial(PhoneNumber caller) => (caller.Dialer ?? Default) is not null;

    /// <summary>
    /// How many calls may start from <paramref name="caller"/> per second: its own rate, else 1 for a number dialing
    /// through Twilio (whose accounts start at 1 call per second and queue the rest, to ring late), else no limit.
    /// </summary>
    public double? CallsPerSecond(PhoneNumber caller) =>
        caller.CallsPerSecond ?? ((caller.Dialer ?? Default)?.Type == DialerType.Twilio ? 1 : null);

    /// <summary>The dialer of the organization's caller number.</summary>
    public async ValueTask<ICallDialer> ForAsync(string organizationId, string phoneNumberId)
    {
        var settings = await SettingsAsync(organizationId, phoneNumberId)
            ?? throw new InvalidOperationException($"Phone number {phoneNumberId} of {organizationId} has no dialer, and the deployment has no default.");
        return _dialers.GetOrAdd(settings, Create);
    }

    private async ValueTask<DialerSettings?> SettingsAsync(string organizationId, string phoneNumberId)
    {
        if (organizationId.Length == 0)
        {
            // A contact dialed before numbers had dialers of their own.
            return Default;
        }

        return await _numbers.GetAsync((organizationId, phoneNumberId), async number =>
            (await grains.GetGrain<IOrganizationGrain>(number.Organization).GetAsync())?.PhoneNumbers.FirstOrDefault(p => p.Id == number.PhoneNumber)?.Dialer)
            ?? Default;
    }

    private ICallDialer Create(DialerSettings settings) => settings.Type switch
    {
        DialerType.Simulated => services.GetRequiredService<SimulatedDialer>(),
        DialerType.Webhook => new WebhookDialer(services.GetRequiredService<IHttpClientFactory>(),
            settings.Url ?? throw new InvalidOperationException("A webhook dialer needs its platform's url."),
            settings.Secret ?? throw new InvalidOperationException("A webhook dialer needs its secret."),
            services.GetRequiredService<EventsAddress>(), time),
        DialerType.Twilio => new TwilioDialer(services.GetRequiredService<IHttpClientFactory>(),
            services.GetRequiredService<IOptions<TwilioDialerOptions>>().Value.BaseUrl, settings,
            services.GetRequiredService<EventsAddress>(), services.GetRequiredService<ILogger<TwilioDialer>>()),
        _ => throw new InvalidOperationException($"Dialer type {settings.Type} is not available."),
    };
}
