using BatchCalling.Testing;
using BatchCalling.Dialing;
using BatchCalling.Hosting;
using BatchCalling.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;
using Orleans.Reminders;
using Orleans.TestingHost;

namespace BatchCalling.GrainTests;

/// <summary>
/// Two in-process silos with the embedded providers and the simulated dialer; one <see cref="DialerRecorder"/> serves
/// both silos so peaks are counted across the cluster. With a fake clock, job times and reminders follow it.
/// </summary>
public abstract class BatchCluster(FakeTimeProvider? clock, bool production = false, params (string Key, string Value)[] settings) : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    public DialerRecorder Recorder { get; } = new();

    public CallJournal Journal { get; } = new();

    /// <summary>Watches the progress writes of the jobs a test asks it to.</summary>
    public ProgressWriteProbe Progress { get; } = new();

    /// <summary>The webhook outbox every silo writes to: one shared instance with the embedded providers, PostgreSQL's in production.</summary>
    public IWebhookOutbox Outbox => production ? Cluster.Silos[0].ServiceProvider.GetRequiredService<IWebhookOutbox>() : _memoryOutbox;

    private readonly MemoryWebhookOutbox _memoryOutbox = new();

    public FakeTimeProvider? Clock => clock;

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("Not deployed.");

    public IGrainFactory Grains => Cluster.Client;

    public DateTimeOffset Now => clock?.GetUtcNow() ?? DateTimeOffset.UtcNow;

    public async Task InitializeAsync()
    {
        var configured = new Dictionary<string, string?>
        {
            ["Dialer:Simulated:CallDurationMs"] = "50",
            ["Dispatch:Heartbeat"] = "00:00:00.500",
        };
        if (production)
        {
            configured["Profile"] = "Production";
            configured["ConnectionStrings:Postgres"] = LocalServices.Postgres;
            configured["ConnectionStrings:Redis"] = LocalServices.Redis;
            // One process: the in-process simulator's call log lets the tests count peaks and double dials directly.
            configured["Dialer:Default:Type"] = "Simulated";
            // Required in production; nothing here posts call events (the in-process simulator reports straight to contacts).
            configured["Gateway:PublicUrl"] = "http://127.0.0.1:5000";
            // The tests' webhook receivers are on loopback.
            configured["Network:AllowPrivateAddresses"] = "true";
        }

        foreach (var (key, value) in settings)
        {
            configured[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(configured).Build();
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(Recorder);
            silo.Services.AddSingleton<IIncomingGrainCallFilter>(Journal);
            if (clock is not null)
            {
                silo.Services.AddKeyedSingleton<TimeProvider>(BatchClock.Key, clock);
                silo.Services.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, clock);
                // Arm every reminder as it is registered, however far ahead, so advancing the clock reaches it.
                silo.Services.PostConfigure<ReminderOptions>(o => o.ReminderLoadingWindow = TimeSpan.FromDays(365));
            }

            if (!production)
            {
                // Two silos in one process, one outbox between them: what one silo of the embedded default has to itself.
                silo.Services.AddSingleton<IWebhookOutbox>(_memoryOutbox);
            }

            silo.AddBatchCalling(configuration);
            Progress.Install(silo.Services);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    protected static FakeTimeProvider FakeClock() => new(new DateTimeOffset(2030, 1, 1, 9, 0, 0, TimeSpan.Zero));

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

/// <summary>The embedded providers: grain state and reminders in memory.</summary>
public sealed class MemoryCluster() : BatchCluster(null);

/// <summary>The production providers: grain state in PostgreSQL, reminders in Redis (a new service id each run).</summary>
public sealed class PostgresRedisCluster() : BatchCluster(null, production: true);

/// <summary>Starts at a fixed instant; tests move it on with <see cref="FakeTimeProvider.Advance"/>.</summary>
public sealed class FakeTimeMemoryCluster() : BatchCluster(FakeClock());

public sealed class FakeTimePostgresRedisCluster() : BatchCluster(FakeClock(), production: true);

/// <summary>
/// Calls may last one second at most, and their final event may come a second after that (<c>Dispatch:MaxCallDuration</c>
/// and <c>Dispatch:EndGrace</c>, which users set the same way).
/// </summary>
public sealed class ShortCallsCluster() : BatchCluster(null, false, ("Dispatch:MaxCallDuration", "00:00:01"), ("Dispatch:EndGrace", "00:00:01"));

[CollectionDefinition(Name)]
public sealed class ShortCallsTests : ICollectionFixture<ShortCallsCluster>
{
    public const string Name = "calls cut short";
}

[CollectionDefinition(Name)]
public sealed class MemoryTests : ICollectionFixture<MemoryCluster>, ICollectionFixture<FakeTimeMemoryCluster>
{
    public const string Name = "memory providers";
}

[CollectionDefinition(Name)]
public sealed class PostgresRedisTests : ICollectionFixture<PostgresRedisCluster>, ICollectionFixture<FakeTimePostgresRedisCluster>
{
    public const string Name = "PostgreSQL and Redis providers";
}
