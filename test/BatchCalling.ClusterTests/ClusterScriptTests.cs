using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

using BatchCalling.Testing;
using Npgsql;

namespace BatchCalling.ClusterTests;

/// <summary>
/// deploy/local/cluster.sh as a user runs it, on free ports and with a directory of its own: a busy port stops
/// <c>up</c> before anything starts; <c>up</c> then <c>down</c> leaves no process behind and the servers it was given running.
/// </summary>
[Collection(nameof(ClusterScriptTests))]
public sealed class ClusterScriptTests : IDisposable
{
    private const int Silos = 2;

    private readonly string _dir = Directory.CreateTempSubdirectory("batch-cluster-script-").FullName;
    private readonly string _serviceId = "script-" + Guid.NewGuid().ToString("N")[..10];
    private bool _passed;

    [Fact]
    public async Task Up_fails_at_once_on_a_busy_http_port_and_starts_nothing()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var busy = ((IPEndPoint)holder.LocalEndpoint).Port;
        using var ports = new FreePorts();
        var settings = Settings(busy, ports.Next(1), ports.Next(Silos), ports.Next(Silos));
        ports.Release();

        var up = await RunAsync("up", settings, TimeSpan.FromSeconds(20));

        Assert.True(up.ExitCode != 0, "up succeeded on a busy port:\n" + up);
        Assert.True(up.Stderr.Contains($"port {busy}", StringComparison.Ordinal), $"up did not name port {busy}:\n{up}");
        Assert.Empty(Directory.GetFiles(_dir, "*.pid"));
        Assert.Empty(ProcessesOfThisCluster());
        _passed = true;
    }

    [Fact]
    public async Task Up_then_down_starts_a_ready_cluster_and_stops_all_of_it_but_the_servers_it_was_given()
    {
        _ = LocalServices.Postgres; // fail at once, with the reason, when the servers were not started
        var redis = LocalServices.Redis;
        using var ports = new FreePorts();
        var http = ports.Next(1);
        var settings = Settings(http, ports.Next(1), ports.Next(Silos), ports.Next(Silos));
        ports.Release();

        var up = await RunAsync("up", settings, TimeSpan.FromMinutes(3));
        Assert.True(up.ExitCode == 0, "up failed:\n" + up + Logs());
        using (var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) })
        {
            var ready = await client.GetAsync(new Uri($"http://127.0.0.1:{http}/health/ready"));
            Assert.True(ready.StatusCode == HttpStatusCode.OK, $"up returned, but /health/ready answered {(int)ready.StatusCode}:\n{up}");
            await CallsGoThroughThePlatformAsync(client, http);
        }

        var status = await RunAsync("status", settings, TimeSpan.FromSeconds(30));
        foreach (var name in Enumerable.Range(0, Silos).Select(i => $"silo{i}").Append("gateway").Append("platform"))
        {
            Assert.True(status.Stdout.Contains($"{name}: running (pid", StringComparison.Ordinal), $"status does not list {name} as running:\n{status}");
        }

        var pids = Directory.GetFiles(_dir, "*.pid").Select(file => int.Parse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Silos + 2, pids.Count);

        var down = await RunAsync("down", settings, TimeSpan.FromSeconds(90));
        Assert.True(down.ExitCode == 0, "down failed:\n" + down);
        var alive = pids.Where(IsAlive).Concat(ProcessesOfThisCluster()).Distinct().ToList();
        Assert.True(alive.Count == 0, $"down returned while processes of the cluster still ran: {string.Join(", ", alive)}\n{down}");
        Assert.Empty(Directory.GetFiles(_dir, "*.pid"));

        // The servers came from the environment: down must have left them alone.
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(LocalServices.Postgres) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            Assert.Equal(1, await command.ExecuteScalarAsync());
        }

        Assert.Equal("+PONG", await RedisPingAsync(redis));
        _passed = true;
    }

    public void Dispose()
    {
        // Whatever a failed test left running goes; the logs stay when it failed.
        foreach (var pid in ProcessesOfThisCluster())
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
            catch (ArgumentException)
            {
                // gone already
            }
        }

        if (_passed)
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    /// <summary>
    /// The demo's caller dials the simulated platform the script started, whose call events come back: a job completes. One
    /// attempt: the platform picks outcomes at random, and a retried one would wait out the retry delay.
    /// </summary>
    private static async Task CallsGoThroughThePlatformAsync(HttpClient client, int http)
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, new Uri($"http://127.0.0.1:{http}/batch/jobs"))
        {
            Content = new StringContent("""{ "fromPhoneNumberId": "pn_demo", "name": "Script", "maxAttempts": 1, "contacts": [ { "phone": "+12025550101" } ] }""",
                System.Text.Encoding.UTF8, "application/json"),
        };
        create.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "script-demo-key");
        var created = await client.SendAsync(create);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!;
        await Wait.UntilAsync(async () =>
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri($"http://127.0.0.1:{http}"), location));
            get.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "script-demo-key");
            return (await (await client.SendAsync(get)).Content.ReadAsStringAsync()).Contains("\"status\":\"completed\"", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(60), () => "the script's demo job did not complete: its call did not go through the platform");
    }

    private Dictionary<string, string> Settings(int httpPort, int platformPort, int siloPort, int gatewayPort) =>
        new()
        {
            ["BATCH_CLUSTER_DIR"] = _dir,
            ["BATCH_HTTP_PORT"] = Invariant(httpPort),
            ["BATCH_PLATFORM_PORT"] = Invariant(platformPort),
            ["BATCH_SILO_PORT"] = Invariant(siloPort),
            ["BATCH_GATEWAY_PORT"] = Invariant(gatewayPort),
            ["BATCH_SILOS"] = Invariant(Silos),
            ["BATCH_NO_BUILD"] = "1", // ./test.sh built the solution in Release
            ["DEMO_API_KEY"] = "script-demo-key",
            ["ADMIN_TOKEN"] = "script-admin-token",
            // A membership and state of its own, whatever else runs against the same servers.
            ["Orleans__ServiceId"] = _serviceId,
            ["Orleans__ClusterId"] = _serviceId,
        };

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static async Task<ScriptRun> RunAsync(string command, Dictionary<string, string> settings, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(Path.Combine(Repository.Root, "deploy", "local", "cluster.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(command);
        foreach (var (key, value) in settings)
        {
            info.Environment[key] = value;
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"cluster.sh {command} did not finish within {timeout.TotalSeconds} s:\n{new ScriptRun(-1, watch.Elapsed, await stdout, await stderr)}");
        }

        // A process the script started must not hold its output open: callers would wait for it forever.
        var output = await Task.WhenAll(stdout, stderr).WaitAsync(TimeSpan.FromSeconds(10));
        return new ScriptRun(process.ExitCode, watch.Elapsed, output[0], output[1]);
    }

    /// <summary>The tails of the cluster's logs, for a failure message.</summary>
    private string Logs() => string.Concat(Directory.GetFiles(_dir, "*.log").Order(StringComparer.Ordinal).Select(log =>
        $"\n--- {Path.GetFileName(log)}\n" + string.Join('\n', File.ReadLines(log).TakeLast(20))));

    /// <summary>
    /// Live processes started for this test's cluster, found by the BATCH_CLUSTER_DIR they inherited rather than by
    /// pid files, which are what is being tested.
    /// </summary>
    private List<int> ProcessesOfThisCluster()
    {
        var marker = Encoding.UTF8.GetBytes($"BATCH_CLUSTER_DIR={_dir}\0");
        var found = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var environment = File.ReadAllBytes(Path.Combine(entry, "environ"));
                if (environment.AsSpan().IndexOf(marker) >= 0 && !IsZombie(pid))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // ended meanwhile, or not ours to read
            }
        }

        return found;
    }

    /// <summary>The process runs (a zombie has ended) and is a silo or a gateway, not a later process with its pid.</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            return !IsZombie(pid) && File.ReadAllText($"/proc/{pid}/cmdline").Contains("BatchCalling.", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Ended but not yet reaped; <c>/proc/pid/stat</c> is "pid (name) state …", and the name may hold spaces.</summary>
    private static bool IsZombie(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..] is ['Z' or 'X', ..];
    }

    private static async Task<string> RedisPingAsync(string connectionString)
    {
        var endpoint = connectionString.Split(',')[0];
        var separator = endpoint.LastIndexOf(':');
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.ConnectAsync(endpoint[..separator], int.Parse(endpoint[(separator + 1)..], CultureInfo.InvariantCulture), timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadLineAsync(timeout.Token) ?? "";
    }

    private sealed record ScriptRun(int ExitCode, TimeSpan Elapsed, string Stdout, string Stderr)
    {
        public override string ToString() =>
            $"exit code {ExitCode} after {Elapsed.TotalSeconds:F1} s\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    /// <summary>
    /// Runs of free loopback ports, held until released so that runs taken one after another cannot overlap. They are
    /// below the kernel's ephemeral range: an outgoing connection cannot take one before the cluster binds it (one did,
    /// during a build). Another listener still could, a race the other cluster tests accept as well.
    /// </summary>
    private sealed class FreePorts : IDisposable
    {
        private const int Lowest = 10_000;
        private readonly List<TcpListener> _held = [];

        /// <summary>The first of <paramref name="count"/> consecutive free ports.</summary>
        public int Next(int count)
        {
            // Where the ephemeral range starts lower than usual, part of it has to do.
            var below = Math.Max(EphemeralLow(), Lowest + 1_000) - count;
            for (var attempt = 0; attempt < 100; attempt++)
            {
                var start = Random.Shared.Next(Lowest, below);
                var run = new List<TcpListener>();
                for (var port = start; port < start + count && Hold(port) is { } listener; port++)
                {
                    run.Add(listener);
                }

                if (run.Count == count)
                {
                    _held.AddRange(run);
                    return start;
                }

                run.ForEach(listener => listener.Stop());
            }

            throw new InvalidOperationException($"No {count} consecutive free ports found between {Lowest} and {below}.");
        }

        public void Release()
        {
            _held.ForEach(listener => listener.Stop());
            _held.Clear();
        }

        public void Dispose() => Release();

        /// <summary>The first port the kernel hands out to outgoing connections (32768 by default).</summary>
        private static int EphemeralLow()
        {
            const string range = "/proc/sys/net/ipv4/ip_local_port_range";
            return File.Exists(range) ? int.Parse(File.ReadAllText(range).Split('\t')[0], CultureInfo.InvariantCulture) : 32_768;
        }

        private static TcpListener? Hold(int port)
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            try
            {
                listener.Start();
                return listener;
            }
            catch (SocketException)
            {
                listener.Stop();
                return null;
            }
        }
    }
}
