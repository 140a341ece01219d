using BatchCalling.Dialing.Twilio;
using BatchCalling.Networking;
using BatchCalling.Organizations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;

namespace BatchCalling.Dialing;

/// <summary>The dialers a silo places calls through, and the HTTP client that reaches the platforms.</summary>
public static class DialerServiceCollectionExtensions
{
    /// <summary>
    /// The deployment's default dialer (<c>Dialer:Default:Type</c>): <c>simulated</c> unless configured on the embedded
    /// default; none in production, where platforms post call events to <c>Gateway:PublicUrl</c>. Platforms are reached only
    /// at public addresses unless <paramref name="allowPrivateAddresses"/>.
    /// </summary>
    public static IServiceCollection AddBatchDialers(this IServiceCollection services, IConfiguration configuration, bool production, bool allowPrivateAddresses)
    {
        var dialer = configuration.GetSection(DialerOptions.Section);
        services.Configure<DialerOptions>(dialer);
        services.Configure<TwilioDialerOptions>(configuration.GetSection(TwilioDialerOptions.Section));
        if (!production && dialer["Default:Type"] is null)
        {
            services.PostConfigure<DialerOptions>(o => o.Default ??= new DialerSettings(DialerType.Simulated));
        }

        if (production && configuration["Gateway:PublicUrl"] is not { Length: > 0 })
        {
            throw new InvalidOperationException("The production profile needs Gateway:PublicUrl: the address platforms send call events to.");
        }

        services.TryAddSingleton<DialerRecorder>();
        services.AddSingleton<SimulatedDialer>();
        services.AddSingleton<EventsAddress>();
        services.AddSingleton<CallDialers>();
        var timeout = dialer.GetValue("Timeout", new DialerOptions().Timeout);
        services.AddHttpClient(CallDialers.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => PublicAddresses.Handler(allowPrivateAddresses))
            .AddStandardResilienceHandler(o =>
            {
                o.AttemptTimeout.Timeout = timeout;
                o.TotalRequestTimeout.Timeout = (timeout * 4) + TimeSpan.FromSeconds(10);
                o.CircuitBreaker.SamplingDuration = timeout * 2 > TimeSpan.FromSeconds(30) ? timeout * 2 : TimeSpan.FromSeconds(30);
                // A dial or a hang-up is never sent twice by the client: a dial of unknown fate is reconciled by call id instead.
                o.Retry.DisableForUnsafeHttpMethods();
            })
            // One platform failing opens the circuit for that platform only.
            .SelectPipelineByAuthority();
        return services;
    }
}
