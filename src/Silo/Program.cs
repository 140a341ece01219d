using BatchCalling.Hosting;
using BatchCalling.Silo.Health;
using Microsoft.Extensions.Configuration.Memory;

namespace BatchCalling.Silo;

/// <summary>
/// A silo on its own, for the production profile (Profile=Production): PostgreSQL grain state, Redis reminders and
/// membership, any number of silos behind a separate gateway. It serves HTTP only for probes (/health/live, /health/ready).
/// The embedded default needs none of this: <c>dotnet run --project src/Gateway</c> hosts a silo in-process. A class of its
/// own rather than top-level statements: the gateway, which references this project, has the <c>Program</c> its tests host.
/// </summary>
internal static class SiloProgram
{
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Orleans"] = "Warning",
        ["Logging:LogLevel:Polly"] = "Warning",
    };

    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // Defaults under every other source (no appsettings.json here: the gateway, which references this project, ships its own).
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults });
        builder.UseOrleans(silo => silo.AddBatchSilo(builder.Configuration));
        builder.AddSiloHealth();
        builder.AddBatchTelemetry("batch-silo");

        var app = builder.Build();
        app.MapSiloHealth();
        // Unauthenticated: a silo's HTTP port is for the cluster's own probes and scrapers, never published.
        app.MapBatchMetrics();
        await app.RunAsync();
    }
}
