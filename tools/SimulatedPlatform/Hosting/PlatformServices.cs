using BatchCalling.SimulatedPlatform.Calls;
using BatchCalling.SimulatedPlatform.Events;
using Microsoft.Extensions.Options;
using Npgsql;
using StandardWebhooks;

namespace BatchCalling.SimulatedPlatform.Hosting;

/// <summary>Wires the platform: its settings (checked at start), PostgreSQL, the signing secret and event delivery.</summary>
public static class PlatformServices
{
    public static WebApplicationBuilder AddSimulatedPlatform(this WebApplicationBuilder builder)
    {
        var postgres = builder.Configuration.GetConnectionString("Postgres") is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException("ConnectionStrings:Postgres is required: the platform keeps its calls there.");
        var services = builder.Services;
        services.AddOptions<PlatformOptions>().BindConfiguration(PlatformOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PlatformOptions>, PlatformOptionsValidator>();
        services.AddSingleton(_ => NpgsqlDataSource.Create(postgres));
        services.AddSingleton(sp => new StandardWebhook(sp.GetRequiredService<IOptions<PlatformOptions>>().Value.Secret));
        services.AddSingleton<PlatformSchema>();
        services.AddSingleton(sp => PlatformKey.Of(sp.GetRequiredService<IOptions<PlatformOptions>>().Value.Secret));
        services.AddSingleton<CallStore>();
        services.AddSingleton<DeliveryStore>();
        services.AddSingleton<EventSender>();
        services.AddSingleton<CallReporter>();
        services.AddHostedService<EventDelivery>();
        services.AddProblemDetails();
        return builder;
    }
}
