using BatchCalling.Gateway.Live;
using BatchCalling.Gateway.Auth;
using BatchCalling.Gateway.Demo;
using BatchCalling.Gateway.Errors;
using BatchCalling.Gateway.Health;
using BatchCalling.Gateway.OpenApi;
using BatchCalling.Hosting;
using BatchCalling.Wire;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace BatchCalling.Gateway.Hosting;

/// <summary>Wires the gateway: the cluster it talks to, JSON on the wire, body limits and the demo organization.</summary>
public static class BatchGatewayExtensions
{
    /// <summary>
    /// On the embedded default, a silo in this process (localhost clustering, the providers of
    /// <see cref="BatchSiloBuilderExtensions.AddBatchSilo"/>) and the demo organization. In the production profile,
    /// a thin Orleans client of the silos, holding no state; the demo only when <c>Demo:Enabled</c> asks for it.
    /// </summary>
    public static WebApplicationBuilder AddBatchGateway(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var profile = BatchProfile.From(configuration);
        builder.Services.AddSingleton(profile);
        if (profile.IsProduction)
        {
            builder.UseOrleansClient(client => client.UseBatchCluster(configuration));
            builder.Services.AddSingleton(new DependencyProbes(profile.Postgres, profile.Redis));
        }
        else
        {
            builder.UseOrleans(silo => silo.AddBatchSilo(configuration));
            builder.Services.AddSingleton(new DependencyProbes(null, null));
        }

        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = ErrorHandling.MaxBodyBytes);
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = ErrorHandling.MaxBodyBytes);
        // A body that does not bind is a validation_error in every environment, not a bare 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            var status = c.ProblemDetails.Status ?? c.HttpContext.Response.StatusCode;
            c.ProblemDetails.Extensions.TryAdd("code", ApiProblem.CodeFor(status));
            c.ProblemDetails.Detail ??= ReasonPhrases.GetReasonPhrase(status);
            // RFC 9457: "about:blank" when a status has no more specific type (ASP.NET Core maps only the common ones).
            c.ProblemDetails.Type ??= "about:blank";
        });
        builder.Services.AddBatchAuth();
        builder.Services.AddBatchOpenApi();
        // The conventions webhook payloads are written with too, so both say the same things the same way.
        builder.Services.ConfigureHttpJsonOptions(o => WireJson.Configure(o.SerializerOptions));
        builder.Services.AddSingleton(AdminToken.FromConfiguration(configuration, profile.IsProduction));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<JobEvents>();
        builder.Services.AddSingleton<JobFeeds>();
        builder.Services.AddSingleton(UnknownKeyLimiter.FromConfiguration(configuration));
        if (configuration.GetValue("Demo:Enabled", !profile.IsProduction))
        {
            builder.Services.AddHostedService<DemoOrganization>();
        }

        return builder;
    }
}
