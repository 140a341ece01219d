using BatchCalling.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;

namespace BatchCalling.Hosting;

/// <summary>
/// OpenTelemetry for a process, silo or gateway alike, called once per process by its host (never by
/// <see cref="BatchSiloBuilderExtensions.AddBatchSilo"/>, which the embedded gateway also calls): Orleans', ASP.NET Core's,
/// HttpClient's, .NET's own (<c>System.Runtime</c>: processor time, GC, memory, thread pool) and our meters, scraped by Prometheus at <see cref="MetricsPath"/>; with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>,
/// metrics and traces (HTTP in, grain calls, HTTP out) exported over OTLP too.
/// </summary>
public static class BatchTelemetryExtensions
{
    public const string MetricsPath = "/metrics";

    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IHostApplicationBuilder AddBatchTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var configuration = builder.Configuration;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(configuration["OTEL_SERVICE_NAME"] ?? serviceName))
            .WithMetrics(m => m
                .AddMeter(BatchMetrics.MeterName, "Microsoft.Orleans", "System.Runtime")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]))
        {
            // Spans only where they can go: without an exporter every grain call would make and drop one.
            telemetry.WithTracing(t => t
                .AddSource(ActivitySources.AllActivitySourceName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation());
            // Reads the endpoint, protocol and headers from configuration; once per process (twice, or with AddOtlpExporter, throws).
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>The Prometheus scrape endpoint, out of the OpenAPI document (it is not the API).</summary>
    public static IEndpointConventionBuilder MapBatchMetrics(this IEndpointRouteBuilder routes) =>
        routes.MapPrometheusScrapingEndpoint(MetricsPath).ExcludeFromDescription();
}
