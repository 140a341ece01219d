using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BatchCalling.Bench;

/// <summary>
/// Counts the grain calls a product process receives, by interface and method. The benchmark runs the product's own
/// binaries, unchanged, so the filter enters through a startup hook (<see cref="Setting"/>) that adds it to the host's
/// services when the host is built, and the counts are answered on a Unix socket named after the process id.
/// </summary>
public sealed class GrainCallCounter : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<string, long> Counts = new(StringComparer.Ordinal);

    /// <summary>The setting that loads this assembly's <c>StartupHook</c> into every process of a deployment.</summary>
    public static (string, string) Setting => ("DOTNET_STARTUP_HOOKS", typeof(GrainCallCounter).Assembly.Location);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        var name = context.InterfaceName;
        Counts.AddOrUpdate($"{name.AsSpan(name.LastIndexOf('.') + 1)}.{context.MethodName}", 1, (_, n) => n + 1);
        return context.Invoke();
    }

    /// <summary>The calls <paramref name="process"/> has received so far, keyed <c>IInterface.Method</c>.</summary>
    public static async Task<Dictionary<string, long>> ReadAsync(Process process)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(Endpoint(process.Id));
        await using var stream = new NetworkStream(socket);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(f => f[0], f => long.Parse(f[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }

    /// <summary>
    /// Runs in the product's process before its <c>Main</c>: the hosting library announces each host it builds
    /// ("HostBuilding") with a builder that still takes services; Orleans runs every registered incoming filter.
    /// </summary>
    internal static void Install()
    {
        DiagnosticListener.AllListeners.Subscribe(new Observer<DiagnosticListener>(listener =>
        {
            if (listener.Name == "Microsoft.Extensions.Hosting")
            {
                listener.Subscribe(new Observer<KeyValuePair<string, object?>>(e =>
                {
                    if (e is { Key: "HostBuilding", Value: IHostBuilder host })
                    {
                        host.ConfigureServices(services => services.AddSingleton<IIncomingGrainCallFilter, GrainCallCounter>());
                    }
                }));
            }
        }));
        _ = Task.Run(ServeAsync);
    }

    private static async Task ServeAsync()
    {
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(Endpoint(Environment.ProcessId));
        listener.Listen();
        while (true)
        {
            using var client = await listener.AcceptAsync();
            var text = string.Concat(Counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value}\n")));
            await client.SendAsync(Encoding.UTF8.GetBytes(text));
            client.Shutdown(SocketShutdown.Both);
        }
    }

    // An abstract socket name (leading NUL, Linux only): no file is left behind when the deployment kills the process.
    private static UnixDomainSocketEndPoint Endpoint(int processId) => new("\0batch-calling-bench-calls-" + processId.ToString(CultureInfo.InvariantCulture));

    private sealed class Observer<T>(Action<T> next) : IObserver<T>
    {
        public void OnNext(T value) => next(value);

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
