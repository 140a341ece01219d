using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

using BatchCalling.Testing;
using Npgsql;

namespace BatchCalling.PodTests;

/// <summary>
/// deploy/README.md's "Podman" sequence, for real: the images (deploy/images.sh --from-host local), the podman secrets,
/// edge/ (gateway and simulated platform), the ConfigMap of their pod addresses, then three silo pods; each silo can be
/// crashed and played again, and silo-3/ played to scale to four. PostgreSQL and Redis are the ones ./test.sh started on
/// the host's loopback: pods reach them through a <see cref="TcpRelay"/> on the podman bridge's gateway address.
/// Disposing removes every pod, secret and volume this made, and the relays; a start also removes what a failed
/// earlier run left.
/// </summary>
public sealed class PodCluster : IAsyncDisposable
{
    public const string Platform = "batch-calling-platform-pod-0";
    public const string Gateway = "batch-calling-gateway-pod-0";
    /// <summary>The network <c>podman kube play</c> (4.x) puts pods on by default.</summary>
    private const string KubeNetwork = "podman-default-kube-network";
    private static readonly string[] Secrets = ["batch-calling-silo", "batch-calling-gateway", "batch-calling-platform"];
    private static readonly string[] Volumes = ["tmp-gateway", "tmp-platform", "tmp-silo-0", "tmp-silo-1", "tmp-silo-2", "tmp-silo-3"];

    private readonly Action<string> _log;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly string _files = Directory.CreateTempSubdirectory("batch-pods-").FullName;
    private readonly List<TcpRelay> _relays = [];
    private readonly Dictionary<string, string> _ips = [];
    private string _addresses = "";

    private readonly int _silos;
    private readonly IReadOnlyDictionary<string, string> _siloSettings;

    private PodCluster(Action<string> log, int silos, IReadOnlyDictionary<string, string> siloSettings) =>
        (_log, _silos, _siloSettings) = (log, silos, siloSettings);

    public static string Silo(int index) => $"batch-calling-silo-{index}-pod-0";

    public string AdminToken { get; } = "pods-" + Guid.NewGuid().ToString("N");

    public Uri GatewayAddress => new($"http://{_ips[Gateway]}:8080");

    public string PlatformIp => _ips[Platform];

    /// <summary>Silo <paramref name="index"/>'s HTTP endpoint (probes and <c>/metrics</c>) on the podman network.</summary>
    public Uri SiloAddress(int index) => new($"http://{_ips[Silo(index)]}:8080");

    /// <summary>Where the renders, the ConfigMap and the pods' logs are kept: removed at the end unless the test failed.</summary>
    public string Files => _files;

    /// <summary>Set once the test has passed: its renders and logs are then not kept.</summary>
    public bool Passed { get; set; }

    public void Log(string message) => _log(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,6:F1} s] {message}"));

    /// <summary>
    /// Everything up: images built, gateway, platform and <paramref name="silos"/> silos (1–3) ready, the silos given
    /// <paramref name="siloSettings"/> too. Torn down again when anything fails.
    /// </summary>
    public static async Task<PodCluster> StartAsync(Action<string> log, TimeSpan imageBuild, TimeSpan ready, int silos = 3,
        IReadOnlyDictionary<string, string>? siloSettings = null)
    {
        var cluster = new PodCluster(log, silos, siloSettings ?? new Dictionary<string, string>());
        try
        {
            await cluster.StartAsync(imageBuild, ready);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public HttpClient Client(string? token)
    {
        var client = new HttpClient { BaseAddress = GatewayAddress, Timeout = TimeSpan.FromSeconds(40) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>A new organization with a phone number <c>pn_1</c> and an API key: a client of its own.</summary>
    public async Task<(string OrganizationId, HttpClient Http)> NewTenantAsync(int concurrencyLimit)
    {
        using var admin = Client(AdminToken);
        var (organizationId, key) = await Tenants.CreateAsync(admin, "org_pods_", "Pods", concurrencyLimit);
        return (organizationId, Client(key));
    }

    /// <summary>The silo container's log so far (stdout and stderr).</summary>
    public static string SiloLog(int index)
    {
        var (_, output, errors) = Podman.RunRaw("podman", ["logs", Silo(index) + "-silo"], TimeSpan.FromSeconds(30), null, podmanEnvironment: true);
        return output + errors;
    }

    /// <summary>A crash: every container of the silo's pod killed at once (SIGKILL), then the pod removed, as a lost node would.</summary>
    public void Crash(int index)
    {
        File.WriteAllText(Path.Combine(_files, $"{Silo(index)}.crashed.log"), SiloLog(index));
        Podman.Run("pod", "kill", "--signal", "KILL", Silo(index));
        Podman.Run("pod", "rm", "-f", Silo(index));
        _ips.Remove(Silo(index));
        Log($"{Silo(index)} killed and removed");
    }

    /// <summary>
    /// What a deploy or a drained node does: SIGTERM to the silo, SIGKILL if it is still running after
    /// <paramref name="grace"/>; then the pod removed. Answers the silo's exit code and how long it took to leave.
    /// </summary>
    public (int ExitCode, TimeSpan Took) Terminate(int index, TimeSpan grace)
    {
        var clock = Stopwatch.StartNew();
        // The silo's container, not the pod: `pod stop` stops the infra container with it, which takes the pod's network
        // away while the silo is still handing its grains over. Kubernetes keeps a pod's network until its last container exits.
        Podman.Check("podman", ["stop", "-t", ((int)grace.TotalSeconds).ToString(CultureInfo.InvariantCulture), Silo(index) + "-silo"], grace + TimeSpan.FromMinutes(1), null);
        var took = clock.Elapsed;
        File.WriteAllText(Path.Combine(_files, $"{Silo(index)}.terminated.log"), SiloLog(index));
        var exitCode = int.Parse(Podman.Run("inspect", Silo(index) + "-silo", "--format", "{{.State.ExitCode}}").Trim(), CultureInfo.InvariantCulture);
        Podman.Run("pod", "rm", "-f", Silo(index));
        _ips.Remove(Silo(index));
        return (exitCode, took);
    }

    /// <summary>Plays silo <paramref name="index"/> (0–3) alone, from the overlay's render, with the addresses ConfigMap.</summary>
    public void PlaySilo(int index) =>
        Play(index == 3 ? Render("deploy/k8s/overlays/podman/silo-3") : OnlySilos(Render("deploy/k8s/overlays/podman"), index, index + 1), $"silo-{index}");

    /// <summary>Until each silo answers 200 on <c>/health/ready</c>: active in the cluster, PostgreSQL and Redis answering.</summary>
    public Task WaitSilosReadyAsync(IEnumerable<int> silos, TimeSpan timeout) => WaitReadyAsync([.. silos.Select(Silo)], timeout);

    public async ValueTask DisposeAsync()
    {
        var clock = Stopwatch.StartNew();
        if (!Passed)
        {
            foreach (var pod in Pods())
            {
                var (_, output, errors) = Podman.RunRaw("podman", ["logs", pod + "-" + ContainerOf(pod)], TimeSpan.FromSeconds(30), null, podmanEnvironment: true);
                await File.WriteAllTextAsync(Path.Combine(_files, pod + ".log"), output + errors);
            }
        }

        try
        {
            RemoveAll();
        }
        finally
        {
            foreach (var relay in _relays)
            {
                relay.Dispose();
            }
        }

        if (Passed)
        {
            Directory.Delete(_files, recursive: true);
        }

        Log($"torn down in {clock.Elapsed.TotalSeconds:F1} s (pods, secrets, volumes, relays)" + (Passed ? "" : $"; renders and pod logs kept in {_files}"));
    }

    private async Task StartAsync(TimeSpan imageBuild, TimeSpan ready)
    {
        RemoveAll();
        var step = Stopwatch.StartNew();
        Podman.Check("deploy/images.sh", ["--from-host", "local"], imageBuild, null);
        Log($"images built in {step.Elapsed.TotalSeconds:F1} s");

        StartRelays();
        CreateSecrets();
        step.Restart();
        Play(Render("deploy/k8s/overlays/podman/edge"), "edge");
        _addresses = Path.Combine(_files, "batch-calling-addresses.yaml");
        await File.WriteAllTextAsync(_addresses, $"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: batch-calling-addresses
            data:
              Gateway__PublicUrl: http://{_ips[Gateway]}:8080
              Dialer__Default__Url: http://{_ips[Platform]}:8080/calls

            """ + string.Concat(_siloSettings.Select(setting => $"  {setting.Key}: \"{setting.Value}\"\n")));
        var silos = Render("deploy/k8s/overlays/podman");
        Play(_silos == 3 ? silos : OnlySilos(silos, 0, _silos), "silos");
        await WaitReadyAsync([Platform, Gateway, .. Enumerable.Range(0, _silos).Select(Silo)], ready);
        Log($"platform, gateway and {_silos} silos ready {step.Elapsed.TotalSeconds:F1} s after the first play");
    }

    /// <summary>
    /// The host's PostgreSQL and Redis (127.0.0.1, from the connection strings ./test.sh exports) relayed on the podman
    /// bridge's gateway address, which every pod reaches; the silos', gateway's and platform's connection strings name it.
    /// </summary>
    private void StartRelays()
    {
        // The network `podman kube play` puts pods on, made now as play would make it, so the relays listen before any pod starts.
        if (!Podman.TryRun("network", "exists", KubeNetwork))
        {
            Podman.Run("network", "create", KubeNetwork);
        }

        var address = IPAddress.Parse(Podman.Run("network", "inspect", KubeNetwork, "--format", "{{range .Subnets}}{{.Gateway}}{{end}}").Trim());
        if (!HasAddress(address))
        {
            // CNI creates the network's bridge, and gives it the gateway address, with the first container on it.
            Podman.Run("run", "--rm", "--network", KubeNetwork, "localhost/batch-base:12", "true");
        }

        var postgres = new NpgsqlConnectionStringBuilder(LocalServices.Postgres);
        var pgRelay = Relay(address, postgres.Host!, postgres.Port);
        postgres.Host = address.ToString();
        postgres.Port = pgRelay.Port;
        // Six processes share the server with the other tests: a pool of 10 each is plenty for a few hundred calls.
        postgres.MaxPoolSize = 10;
        PodPostgres = postgres.ConnectionString;

        var redis = LocalServices.Redis;
        var parts = redis.Split(',');
        var hostPort = parts[0].Split(':');
        var redisRelay = Relay(address, hostPort[0], int.Parse(hostPort[1], CultureInfo.InvariantCulture));
        PodRedis = string.Join(',', [$"{address}:{redisRelay.Port}", .. parts[1..]]);
        Log($"PostgreSQL relayed on {pgRelay}, Redis on {redisRelay} (the gateway of {KubeNetwork})");
    }

    private string PodPostgres { get; set; } = "";

    private string PodRedis { get; set; } = "";

    private IPEndPoint Relay(IPAddress listenOn, string host, int port)
    {
        var relay = new TcpRelay(listenOn, new IPEndPoint(IPAddress.Parse(host), port));
        _relays.Add(relay);
        return relay.Endpoint;
    }

    private static bool HasAddress(IPAddress address) =>
        System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses).Any(unicast => unicast.Address.Equals(address));

    private void CreateSecrets()
    {
        var dialerSecret = "whsec_" + Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray());
        Secret("batch-calling-silo", ("ConnectionStrings__Postgres", PodPostgres), ("ConnectionStrings__Redis", PodRedis), ("Dialer__Default__Secret", dialerSecret));
        Secret("batch-calling-gateway", ("ConnectionStrings__Postgres", PodPostgres), ("ConnectionStrings__Redis", PodRedis), ("Admin__Token", AdminToken),
            ("Demo__ApiKey", "pods-demo-" + Guid.NewGuid().ToString("N")));
        Secret("batch-calling-platform", ("ConnectionStrings__Postgres", PodPostgres), ("Platform__Secret", dialerSecret));
    }

    /// <summary>A podman secret as <c>envFrom: secretRef</c> reads it: a JSON object of variable name → base64 value.</summary>
    private static void Secret(string name, params (string Name, string Value)[] variables)
    {
        var json = "{" + string.Join(',', variables.Select(v => $"\"{v.Name}\":\"{Convert.ToBase64String(Encoding.UTF8.GetBytes(v.Value))}\"")) + "}";
        Podman.Check("podman", ["secret", "create", name, "-"], TimeSpan.FromSeconds(30), json);
    }

    private string Render(string kustomization) => Podman.Check("kubectl", ["kustomize", kustomization], TimeSpan.FromSeconds(60), null);

    /// <summary>The render's ConfigMaps and the Deployments of silos <paramref name="from"/> to <paramref name="to"/> (exclusive), without the others.</summary>
    private static string OnlySilos(string yaml, int from, int to) =>
        string.Join("\n---\n", yaml.Split("\n---\n").Where(document =>
            document.Contains("kind: ConfigMap", StringComparison.Ordinal)
            || Enumerable.Range(from, to - from).Any(index => document.Contains($"name: batch-calling-silo-{index}\n", StringComparison.Ordinal))));

    private void Play(string yaml, string name)
    {
        var file = Path.Combine(_files, name + ".yaml");
        File.WriteAllText(file, yaml);
        string[] args = _addresses.Length > 0 ? ["kube", "play", "--configmap", _addresses, file] : ["kube", "play", file];
        Podman.Check("podman", args, TimeSpan.FromMinutes(2), null);
        foreach (var pod in Pods().Where(pod => !_ips.ContainsKey(pod)))
        {
            _ips[pod] = Podman.PodIp(pod);
        }

        Log($"played {name}: {string.Join(", ", _ips.OrderBy(ip => ip.Key).Select(ip => $"{ip.Key} {ip.Value}"))}");
    }

    /// <summary>Polls each pod's readiness endpoint (play runs no readiness probe), failing with the pod's log when one never answers 200.</summary>
    private async Task WaitReadyAsync(string[] pods, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        foreach (var pod in pods)
        {
            var path = pod == Platform ? "/health" : "/health/ready";
            try
            {
                await Wait.UntilAsync(async () =>
                {
                    try
                    {
                        return (await http.GetAsync($"http://{_ips[pod]}:8080{path}")).StatusCode == HttpStatusCode.OK;
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        return false;
                    }
                }, timeout, () => $"{pod} did not answer 200 on {path}");
            }
            catch (TimeoutException e)
            {
                var (_, output, errors) = Podman.RunRaw("podman", ["logs", "--tail", "40", pod + "-" + ContainerOf(pod)], TimeSpan.FromSeconds(30), null, true);
                throw new TimeoutException($"{e.Message}; its log ends:\n{output}{errors}", e);
            }
        }
    }

    private static string ContainerOf(string pod) => pod switch
    {
        Platform => "platform",
        Gateway => "gateway",
        _ => "silo",
    };

    /// <summary>This cluster's pods that exist now.</summary>
    private static List<string> Pods() =>
        [.. Podman.Run("pod", "ps", "--format", "{{.Name}}").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(pod => pod is Platform or Gateway || pod.StartsWith("batch-calling-silo-", StringComparison.Ordinal))];

    /// <summary>Every pod, secret and named volume of this overlay, whether this run or a failed earlier one made it.</summary>
    private void RemoveAll()
    {
        // One podman per pod, at once: podman removes the pods of one command in turn, about 3 s each here.
        var pods = Pods();
        var removed = Task.WhenAll(pods.Select(pod => Task.Run(() => Podman.TryRun("pod", "rm", "-f", "-t", "0", pod)))).GetAwaiter().GetResult();
        if (removed.Contains(false))
        {
            Log($"could not remove every pod of {string.Join(", ", pods)}: see podman pod ps");
        }

        foreach (var secret in Secrets)
        {
            Podman.TryRun("secret", "rm", secret);
        }

        foreach (var volume in Volumes)
        {
            Podman.TryRun("volume", "rm", "-f", volume);
        }
    }
}
