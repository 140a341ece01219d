using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace BatchCalling.Testing;

/// <summary>
/// The production profile for real: three silo processes and a gateway process on loopback, against the PostgreSQL
/// and Redis that ./test.sh started, in a service of their own (fresh ids each run), dialing the simulated platform of
/// tools/ (a process of its own, <see cref="Platform"/>) over HTTP through the webhook dialer, or through the twilio dialer
/// for a number given one (the platform's Twilio subset, <c>Dialer:Twilio:BaseUrl</c>). Processes can be killed with
/// SIGKILL, silos also stopped with SIGTERM, and started again; their logs are kept to find which silo hosts a job.
/// </summary>
public class ProcessCluster(int callDurationMs = 200, params (string Name, string Value)[] gatewaySettings) : IAsyncLifetime
{
    public const string AdminToken = "cluster-admin-token";
    public const int SiloCount = 3;

    /// <summary>What .NET's host logs once every hosted service has started: for a silo, once it has joined the cluster.</summary>
    private const string ServingMarker = "Application started";

    private readonly string _logs = Directory.CreateTempSubdirectory("batch-cluster-").FullName;
    private readonly string _serviceId = "test-" + Guid.NewGuid().ToString("N")[..10];
    private readonly Process?[] _silos = new Process?[SiloCount];
    private readonly (int Silo, int Gateway, int Http)[] _siloPorts = [.. Enumerable.Range(0, SiloCount).Select(_ => NewSiloPorts())];
    private readonly int _httpPort = ProcessLauncher.FreePort();
    private Process? _gateway;
    private PlatformProcess? _platform;

    /// <summary>The voice platform the silos dial, with <see cref="PlatformSettings"/>.</summary>
    public PlatformProcess Platform => _platform ??= new([.. PlatformSettings]);

    public Uri BaseAddress => new($"http://127.0.0.1:{_httpPort}");

    /// <summary>Where every process's log is, for a failure to point at.</summary>
    public string LogDirectory => _logs;

    public async Task InitializeAsync()
    {
        _ = LocalServices.Postgres; // fail at once, with the reason, when the servers were not started
        await Platform.InitializeAsync();
        for (var i = 0; i < SiloCount; i++)
        {
            StartSilo(i);
        }

        StartGateway();
        await WaitUntilReadyAsync();
    }

    /// <summary>
    /// Settings that make the processes quicker to test than production's defaults: a faster dispatch heartbeat, and a
    /// dead silo noticed in seconds. A cluster that must behave on production's timing overrides this.
    /// </summary>
    protected virtual IEnumerable<(string Name, string Value)> TestTiming =>
    [
        ("Dispatch__Heartbeat", "00:00:00.500"),
        // Notice a dead silo in seconds, not the default half minute.
        ("Orleans__Membership__ProbeTimeout", "00:00:02"),
        ("Orleans__Membership__NumMissedProbesLimit", "2"),
    ];

    /// <summary>The platform's settings: its calls last <c>callDurationMs</c> unless a contact says otherwise. A fixture may add its own.</summary>
    protected virtual IEnumerable<(string Name, string Value)> PlatformSettings =>
        [("Platform__CallDurationMs", callDurationMs.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>Settings the silos take beyond <see cref="TestTiming"/>: none, unless a fixture's tests need a product setting changed.</summary>
    protected virtual IEnumerable<(string Name, string Value)> SiloSettings => [];

    public Task DisposeAsync()
    {
        foreach (var process in _silos.Append(_gateway))
        {
            ProcessLauncher.Kill(process);
        }

        return Platform.DisposeAsync();
    }

    /// <summary>
    /// Starts silo <paramref name="index"/> on its ports or, with <paramref name="newAddress"/>, on new ones, as a pod
    /// rescheduled elsewhere: then only the cluster's probes tell that the silo it replaces is dead, if it died without leaving.
    /// </summary>
    public void StartSilo(int index, bool newAddress = false)
    {
        if (newAddress)
        {
            _siloPorts[index] = NewSiloPorts();
        }

        _silos[index] = Start($"silo{index}", "src/Silo", "BatchCalling.Silo.dll", [],
        [
            .. SiloSettings,
            ("Orleans__SiloPort", _siloPorts[index].Silo.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Orleans__GatewayPort", _siloPorts[index].Gateway.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("ASPNETCORE_URLS", SiloHttpAddress(index).ToString()),
        ]);
    }

    /// <summary>Where silo <paramref name="index"/> answers its probes (<c>/health/live</c>, <c>/health/ready</c>).</summary>
    public Uri SiloHttpAddress(int index) => new($"http://127.0.0.1:{_siloPorts[index].Http}");

    /// <summary>SIGKILL: no shutdown, no goodbye to the cluster.</summary>
    public void KillSilo(int index) => ProcessLauncher.Kill(_silos[index]);

    /// <summary>
    /// SIGTERM, as a deploy sends: the silo shuts down and leaves the cluster. Answers its exit code; null when it was
    /// still running after <paramref name="grace"/> and was killed, as Kubernetes does at the end of a pod's grace period.
    /// </summary>
    public async Task<int?> TerminateSiloAsync(int index, TimeSpan grace)
    {
        if (_silos[index] is not { } process)
        {
            throw new InvalidOperationException($"Silo {index} was never started.");
        }

        if (!process.HasExited)
        {
            // Process has no way to send SIGTERM; kill(1) does.
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            using var patience = new CancellationTokenSource(grace);
            try
            {
                await process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                ProcessLauncher.Kill(process);
                return null;
            }
        }

        return process.ExitCode;
    }

    /// <summary>Until silo <paramref name="index"/>, last started, has joined the cluster: its host logs that it started only then.</summary>
    public Task WaitUntilSiloServingAsync(int index, TimeSpan timeout) =>
        Wait.UntilAsync(() => Task.FromResult(
                _silos[index] is { HasExited: true } exited
                    ? throw new InvalidOperationException($"Silo {index} exited (code {exited.ExitCode}); logs in {_logs}")
                    : LogLines($"silo{index}").Any(line => line.Contains(ServingMarker, StringComparison.Ordinal))),
            timeout, () => $"silo {index} did not join the cluster; logs in {_logs}");

    public void StartGateway() =>
        _gateway = Start("gateway", "src/Gateway", "BatchCalling.Gateway.dll", ["--urls", BaseAddress.ToString()],
            [("Admin__Token", AdminToken), .. gatewaySettings]);

    public void KillGateway() => ProcessLauncher.Kill(_gateway);

    /// <summary>The silo whose log says it ran this job, if any says so yet.</summary>
    public int? SiloHosting(string jobId) => FirstSilo(lines => lines.Any(line => line.Contains($"Job {jobId} ", StringComparison.Ordinal)));

    /// <summary>The silo whose log says the deliverer of this webhook endpoint was activated there, if any says so yet.</summary>
    public int? SiloDelivering(string webhookId) =>
        FirstSilo(lines => lines.Any(line => line.Contains($"Webhook endpoint {webhookId} ", StringComparison.Ordinal)));

    /// <summary>
    /// The silo whose reminder service runs this job's reminder now: it started the reminder last and has not stopped
    /// it since. Not simply the silo that registered it: a silo that rejoins takes over part of the ring, reminders included.
    /// </summary>
    public int? SiloOwningReminderOf(string jobId) => FirstSilo(lines =>
    {
        var mentions = lines.Where(line => line.Contains(jobId, StringComparison.Ordinal)).ToList();
        return mentions.FindLastIndex(line => line.Contains("Started reminder", StringComparison.Ordinal))
            > mentions.FindLastIndex(line => line.Contains("Locally stopping reminder", StringComparison.Ordinal));
    });

    /// <summary>How many connections from the gateway process this silo has accepted since it was last started.</summary>
    public int GatewayConnectionsTo(int silo) => LogLines($"silo{silo}").Count(line => line.Contains("Recorded opened connection", StringComparison.Ordinal));

    /// <summary>How often the gateway process, since it was last started, failed to connect to this silo's gateway port.</summary>
    public int GatewayConnectFailuresTo(int silo) => LogLines("gateway").Count(line =>
        line.Contains($"Connection attempt to endpoint S127.0.0.1:{_siloPorts[silo].Gateway}:0 failed", StringComparison.Ordinal));

    private int? FirstSilo(Func<string[], bool> logSays) =>
        Enumerable.Range(0, SiloCount).Cast<int?>().FirstOrDefault(i => logSays(LogLines($"silo{i}")));

    /// <summary>What the process has logged since it was last started: a process killed earlier never logged its end.</summary>
    private string[] LogLines(string name)
    {
        var lines = File.Exists(LogPath(name)) ? ReadShared(LogPath(name)).Split('\n') : [];
        return lines[(Array.LastIndexOf(lines, ProcessLauncher.StartedMarker) + 1)..];
    }

    /// <summary>A client of the gateway; <paramref name="handler"/>, when given, sees every request (the HTTP tests check the contract there).</summary>
    public HttpClient Client(string? bearer, DelegatingHandler? handler = null)
    {
        if (handler is not null)
        {
            handler.InnerHandler = new HttpClientHandler();
        }

        var client = new HttpClient(handler ?? (HttpMessageHandler)new HttpClientHandler()) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(40) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    /// <summary>A new organization with caller <c>pn_1</c> and an API key, through the admin API.</summary>
    public async Task<(string OrganizationId, HttpClient Http)> NewTenantAsync(int concurrencyLimit)
    {
        using var admin = Client(AdminToken);
        var (organizationId, key) = await Tenants.CreateAsync(admin, "org_", "Tenant", concurrencyLimit);
        return (organizationId, Client(key));
    }

    public async Task WaitUntilReadyAsync()
    {
        using var client = Client(null);
        await Wait.UntilAsync(async () =>
        {
            if (_gateway is { HasExited: true })
            {
                throw new InvalidOperationException($"The gateway exited (code {_gateway.ExitCode}); logs in {_logs}");
            }

            try
            {
                return (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(90), () => "the gateway did not become ready; logs in " + _logs);
    }

    private Process Start(string name, string project, string dll, string[] args, params (string Name, string Value)[] settings) =>
        ProcessLauncher.Start(LogPath(name), project, dll, args,
        [
            ("Profile", "Production"),
            ("Orleans__ServiceId", _serviceId),
            ("Orleans__ClusterId", _serviceId),
            ("Dialer__Default__Type", "Webhook"),
            ("Dialer__Default__Url", new Uri(Platform.BaseAddress, "calls").ToString()),
            ("Dialer__Default__Secret", PlatformProcess.Secret),
            // A number given a twilio dialer reaches the platform's Twilio subset.
            ("Dialer__Twilio__BaseUrl", Platform.BaseAddress.ToString()),
            ("Gateway__PublicUrl", BaseAddress.ToString()),
            // The platform and the gateway are on loopback.
            ("Network__AllowPrivateAddresses", "true"),
            .. TestTiming,
            ("Logging__LogLevel__Default", "Information"),
            // The reminder service names, at debug level, the reminders it registers: how a test finds their owner.
            ("Logging__LogLevel__Orleans.Runtime.ReminderService", "Debug"),
            // Which client connected to which gateway, and when: what a lost response is traced with.
            ("Logging__LogLevel__Orleans.Runtime.Messaging.Gateway", "Information"),
            ("Logging__LogLevel__Orleans.Messaging", "Debug"),
            ("Logging__Console__FormatterName", "simple"),
            ("Logging__Console__FormatterOptions__TimestampFormat", "HH:mm:ss.fff "),
            .. settings,
        ]);

    private string LogPath(string name) => Path.Combine(_logs, name + ".log");

    private static string ReadShared(string path)
    {
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        return reader.ReadToEnd();
    }

    private static (int Silo, int Gateway, int Http) NewSiloPorts() => (ProcessLauncher.FreePort(), ProcessLauncher.FreePort(), ProcessLauncher.FreePort());
}
