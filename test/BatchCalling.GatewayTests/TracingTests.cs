using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using BatchCalling.Testing;

namespace BatchCalling.GatewayTests;

/// <summary>
/// A gateway that traces: an OTLP endpoint is configured (nobody listens there), and its spans are also kept in memory.
/// </summary>
public sealed class TracingGateway() : EmbeddedGateway([("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9")])
{
    public SpanLog Spans { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(Spans)));
    }
}

/// <summary>One trace runs from an HTTP request through the gateway into the grains it calls.</summary>
public sealed class TracingTests(TracingGateway gateway) : IClassFixture<TracingGateway>
{
    [Fact]
    public async Task A_create_is_one_trace_from_the_request_to_the_job_grain()
    {
        var tenant = await gateway.NewTenantAsync();
        // A sampled caller: the gateway's parent-based sampler records what a caller's trace asks it to record.
        using var root = new Activity("test-create") { ActivityTraceFlags = ActivityTraceFlags.Recorded }.SetIdFormat(ActivityIdFormat.W3C).Start();

        using var create = new HttpRequestMessage(HttpMethod.Post, "/batch/jobs")
        {
            Content = new StringContent("""{ "fromPhoneNumberId": "pn_1", "name": "Traced", "contacts": [{ "phone": "+12025550101" }] }""", Encoding.UTF8, "application/json"),
        };
        // The caller's trace, as any W3C client sends it (the header is set whether or not its HttpClient is listened to).
        create.Headers.Add("traceparent", root.Id);
        await (await tenant.Http.SendAsync(create)).JsonAsync(HttpStatusCode.Created);
        root.Stop();

        List<Activity> trace = [];
        await Wait.UntilAsync(() =>
        {
            trace = [.. gateway.Spans.Snapshot().Where(s => s.TraceId == root.TraceId)];
            return Task.FromResult(
                trace.Any(s => s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server)
                && trace.Any(s => s.Source.Name == "Microsoft.Orleans.Application" && s.Kind == ActivityKind.Client && s.DisplayName.Contains("BatchJobGrain", StringComparison.Ordinal))
                && trace.Any(s => s.Source.Name == "Microsoft.Orleans.Application" && s.Kind == ActivityKind.Server && s.DisplayName.Contains("BatchJobGrain", StringComparison.Ordinal)));
        }, TimeSpan.FromSeconds(30), () => $"{gateway.Spans.Snapshot().Count} spans, of trace {root.TraceId}:\n" + string.Join('\n', trace.Select(s => $"{s.Source.Name} {s.Kind} {s.DisplayName}")));
    }
}

/// <summary>The exporter's collection, added to on its threads while the test reads it.</summary>
public sealed class SpanLog : System.Collections.ObjectModel.Collection<Activity>
{
    private readonly Lock _lock = new();

    public List<Activity> Snapshot()
    {
        lock (_lock)
        {
            return [.. Items];
        }
    }

    protected override void InsertItem(int index, Activity item)
    {
        lock (_lock)
        {
            base.InsertItem(index, item);
        }
    }
}
