using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace BatchCalling.Bench;

/// <summary>
/// The product as users run it, started fresh for each run: the embedded gateway (one process), or one silo and a
/// gateway on PostgreSQL and Redis in a service of their own. Calls take 0 ms and go to the in-process simulator, so
/// that the database carries only the product's own writes; or, with <c>platform</c>, over HTTP through the webhook
/// dialer to the simulated platform of tools/ (a process of its own, its call log in the same PostgreSQL).
/// </summary>
public sealed class Deployment : IAsyncDisposable
{
    private const string AdminToken = "bench-admin";
    private const string PlatformSecret = "whsec_YmVuY2gtc2ltdWxhdGVkLXBsYXRmb3JtLXNlY3JldA==";
    private readonly List<Process> _processes = [];
    private readonly int _httpPort = FreePort();
    private readonly List<int> _siloHttpPorts = [];

    private Deployment(bool production) => Production = production;

    public bool Production { get; }

    public string ServiceId { get; } = "bench-" + Guid.NewGuid().ToString("N")[..10];

    public int GatewayPort { get; } = FreePort();

    /// <summary>The process that hosts the grains: the first silo, or the embedded gateway.</summary>
    public Process Silo => _processes.First(p => !p.StartInfo.ArgumentList[0].Contains("SimulatedPlatform", StringComparison.Ordinal));

    /// <summary>The gateway process, started last: on the embedded default it hosts the grains too.</summary>
    public Process Gateway => _processes[^1];

    /// <summary>The processor time every process of the deployment (platform included) has used so far.</summary>
    public TimeSpan ProcessorTime()
    {
        _processes.ForEach(p => p.Refresh());
        return _processes.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.TotalProcessorTime);
    }

    public HttpClient Admin => Client(AdminToken);

    /// <summary>
    /// Starts the product; in production with <paramref name="silos"/> silos (each on ports of its own), and with
    /// <paramref name="platform"/> the simulated platform they dial (<c>Platform__*</c> settings are its own).
    /// </summary>
    public static async Task<Deployment> StartAsync(bool production, IEnumerable<(string Name, string Value)> settings, int silos = 1, bool platform = false)
    {
        var deployment = new Deployment(production);
        var serviceId = deployment.ServiceId;
        var platformPort = FreePort();
        (string, string)[] dialer = platform
            ? [("Dialer__Default__Type", "Webhook"), ("Dialer__Default__Url", $"http://127.0.0.1:{platformPort}/calls"),
                ("Dialer__Default__Secret", PlatformSecret), ("Network__AllowPrivateAddresses", "true")]
            : [("Dialer__Default__Type", "Simulated")];
        (string, string)[] common =
        [
            ("Orleans__ServiceId", serviceId), ("Orleans__ClusterId", serviceId), ("Dialer__Simulated__CallDurationMs", "0"),
            ("Platform__CallDurationMs", "0"), .. dialer, ("Gateway__PublicUrl", $"http://127.0.0.1:{deployment._httpPort}"),
            ("Admin__Token", AdminToken), ("Logging__LogLevel__Default", "Warning"),
            ("Orleans__SiloPort", Port(FreePort())), ("Orleans__GatewayPort", Port(deployment.GatewayPort)),
            .. settings,
        ];
        if (platform)
        {
            deployment.Start("tools/SimulatedPlatform", "BatchCalling.SimulatedPlatform.dll", ["--urls", $"http://127.0.0.1:{platformPort}"],
                [.. common, ("Platform__Secret", PlatformSecret), ("ConnectionStrings__Postgres", Database.ConnectionString)]);
        }

        for (var silo = 0; production && silo < silos; silo++)
        {
            (string, string)[] ports = silo == 0 ? [] :
                [("Orleans__SiloPort", Port(FreePort())), ("Orleans__GatewayPort", Port(FreePort()))];
            deployment._siloHttpPorts.Add(FreePort());
            deployment.Start("src/Silo", "BatchCalling.Silo.dll", [],
                [.. common, ("Profile", "Production"), .. ports, ("ASPNETCORE_URLS", $"http://127.0.0.1:{deployment._siloHttpPorts[^1]}")]);
        }

        deployment.Start("src/Gateway", "BatchCalling.Gateway.dll", ["--urls", $"http://127.0.0.1:{deployment._httpPort}"],
            [.. common, ("Profile", production ? "Production" : "Embedded"), ("Demo__Enabled", "false")]);
        await deployment.WaitUntilReadyAsync();
        return deployment;
    }

    /// <summary>The sum of a metric's samples over the gateway's and every silo's <c>/metrics</c>.</summary>
    public async Task<double> MetricSumAsync(string name)
    {
        var scrapes = await Task.WhenAll(_siloHttpPorts.Prepend(_httpPort)
            .Select(port => PrometheusScrape.ReadAsync($"http://127.0.0.1:{port}", AdminToken)));
        return scrapes.Sum(scrape => scrape.Sum(name));
    }

    public HttpClient Client(string bearer) => new()
    {
        BaseAddress = new Uri($"http://127.0.0.1:{_httpPort}"),
        Timeout = TimeSpan.FromMinutes(5),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", bearer) },
    };

    /// <summary>An organization with the given ceiling, plenty of credits, caller <c>pn_1</c>, and a client with its key.</summary>
    public async Task<HttpClient> NewTenantAsync(int concurrencyLimit, string? organizationId = null)
    {
        organizationId ??= "org_" + Guid.NewGuid().ToString("N")[..10];
        using var admin = Admin;
        (await admin.PutAsJsonAsync($"/admin/organizations/{organizationId}", new { name = "Bench", concurrencyLimit, credits = 1_000_000 })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/admin/organizations/{organizationId}/phone-numbers/pn_1", new { number = "+12025550100", outboundAgentId = "agent" })).EnsureSuccessStatusCode();
        var key = await (await admin.PostAsync($"/admin/organizations/{organizationId}/api-keys", null)).Content.ReadFromJsonAsync<Dictionary<string, string>>();
        return Client(key!["apiKey"]);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    private void Start(string project, string dll, string[] args, (string Name, string Value)[] settings)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(Repository.Root, project, "bin", "Release", "net10.0", dll));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in settings)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info)!;
        // Drain both streams; warnings and errors go to the benchmark's stderr.
        process.OutputDataReceived += (_, e) => Echo(e.Data);
        process.ErrorDataReceived += (_, e) => Echo(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
    }

    private static void Echo(string? line)
    {
        if (line is not null && (line.StartsWith("warn", StringComparison.Ordinal) || line.StartsWith("fail", StringComparison.Ordinal)))
        {
            Console.Error.WriteLine(line);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_httpPort}") };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The gateway did not become ready.");
    }

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
