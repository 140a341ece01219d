using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using BatchCalling.Dialing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BatchCalling.GatewayTests;

/// <summary>
/// The embedded default: the real gateway on Kestrel (so body limits and the wire are real) with its silo in-process
/// on free ports, 100 ms simulated calls, and a known demo key and admin token.
/// </summary>
public class EmbeddedGateway : WebApplicationFactory<Program>, IAsyncLifetime, IGatewayUnderTest
{
    private readonly (string Key, string Value)[] _settings;

    public EmbeddedGateway()
        : this([])
    {
    }

    /// <summary>A gateway with some settings of its own, for tests that need them.</summary>
    protected EmbeddedGateway((string Key, string Value)[] settings) => _settings = settings;

    public const string AdminToken = "test-admin-token";

    string IGatewayUnderTest.AdminToken => AdminToken;

    private DialerRecorder Recorder => Services.GetRequiredService<DialerRecorder>();

    /// <summary>What the gateway logged, by request.</summary>
    public LogCapture Logs { get; } = new();

    public Task<int> PeakForJobAsync(string jobId) => Task.FromResult(Recorder.PeakForJob(jobId));

    public Task<int> PlacedForJobAsync(string jobId) => Task.FromResult(Recorder.PlacedForJob(jobId));

    public Task<int> PeakForNumberAsync(string organizationId, string phone) => Task.FromResult(Recorder.PeakForNumber(organizationId, phone));

    public Task<long> DoubleDialsAsync(string jobId) => Task.FromResult(Recorder.DoubleDials);

    /// <summary>The silo is in this process, so the gateway's metrics are all of them.</summary>
    public async Task<double> MetricSumAsync(string name) =>
        (await BatchCalling.Testing.PrometheusScrape.ReadAsync(BaseAddress, AdminToken)).Sum(name);

    public Task InitializeAsync()
    {
        UseKestrel(FreePort());
        StartServer();
        return Task.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Orleans:SiloPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Admin:Token", AdminToken);
        builder.UseSetting("Demo:ApiKey", IGatewayUnderTest.DemoKey);
        builder.UseSetting("Dialer:Simulated:CallDurationMs", "100");
        // The fuzz test presents hundreds of unknown keys; the limit on them has a gateway of its own (RateLimitTests).
        // Which endpoint ran, at Information (the gateway's settings keep ASP.NET Core at Warning): an entry for every request,
        // in its scope, which LoggingTests select a request's entries by. It names the route, never the URL with its values.
        var settings = new Dictionary<string, string>
        {
            ["Auth:UnknownKeysPerMinute"] = "1000000",
            ["Logging:LogLevel:Microsoft.AspNetCore.Routing.EndpointMiddleware"] = "Information",
        };
        foreach (var (key, value) in _settings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    /// <summary>Where Kestrel listens, for clients other than <see cref="ClientWith"/> (curl, raw sockets).</summary>
    public string BaseAddress => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
        .First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');

    public HttpClient ClientWith(string? bearer)
    {
        var client = CreateDefaultClient(new ContractCheckingHandler());
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class EmbeddedTests : ICollectionFixture<EmbeddedGateway>
{
    public const string Name = "embedded gateway";
}
