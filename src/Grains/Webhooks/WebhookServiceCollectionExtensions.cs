using BatchCalling.Networking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Polly;

namespace BatchCalling.Webhooks;

/// <summary>Outbound webhooks on a silo: the outbox, the enqueuer jobs use, the sweep, and the HTTP client that delivers.</summary>
public static class WebhookServiceCollectionExtensions
{
    /// <summary>How long an endpoint has to answer one delivery.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The outbox in PostgreSQL at <paramref name="postgres"/> (<c>webhook_outbox</c>, under the cluster's service id), else in
    /// memory, unless one is registered already (tests share one between silos). Endpoints are reached only at public
    /// addresses unless <paramref name="allowPrivateAddresses"/>, checked at every connection, and redirects are not followed.
    /// </summary>
    public static IServiceCollection AddBatchWebhooks(this IServiceCollection services, IConfiguration configuration, string? postgres, bool allowPrivateAddresses)
    {
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        if (postgres is not null)
        {
            services.TryAddSingleton<IWebhookOutbox>(sp => new PostgresWebhookOutbox(postgres,
                sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId, sp.GetRequiredService<Serializer>()));
        }
        else
        {
            services.TryAddSingleton<IWebhookOutbox, MemoryWebhookOutbox>();
        }

        services.AddSingleton<WebhookSubscriptions>();
        services.AddSingleton<WebhookEnqueuer>();
        services.AddSingleton<WebhookSender>();
        services.AddHostedService<WebhookSweeper>();
        services.AddHttpClient(WebhookSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() =>
            {
                // A redirect is a failed delivery: the endpoint registered is where events go, and nowhere else.
                var handler = PublicAddresses.Handler(allowPrivateAddresses);
                handler.AllowAutoRedirect = false;
                return handler;
            })
            .AddStandardResilienceHandler(o =>
            {
                o.AttemptTimeout.Timeout = AttemptTimeout;
                o.TotalRequestTimeout.Timeout = AttemptTimeout * 2;
                // Never retried here: a failed delivery goes back to the outbox, which retries it with backoff, in its job's order.
                o.Retry.ShouldHandle = static _ => PredicateResult.False();
            })
            // A dead endpoint opens the circuit for its own host only.
            .SelectPipelineByAuthority();
        return services;
    }
}
