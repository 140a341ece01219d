using BatchCalling.Dialing;
using BatchCalling.Hosting;
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
public abstract class BatchCluster(FakeTimeProvider? clock) : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    public DialerRecorder Recorder { get; } = new();

    public FakeTimeProvider? Clock => clock;

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("Not deployed.");

    public IGrainFactory Grains => Cluster.Client;

    public DateTimeOffset Now => clock?.GetUtcNow() ?? DateTimeOffset.UtcNow;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dialer:Simulated:CallDurationMs"] = "50",
            ["Dispatch:Heartbeat"] = "00:00:00.500",
        }).Build();
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(Recorder);
            if (clock is not null)
            {
                silo.Services.AddKeyedSingleton<TimeProvider>(BatchClock.Key, clock);
                silo.Services.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, clock);
                // Arm every reminder as it is registered, however far ahead, so advancing the clock reaches it.
                silo.Services.PostConfigure<ReminderOptions>(o => o.ReminderLoadingWindow = TimeSpan.FromDays(365));
            }

            silo.AddBatchCalling(configuration);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

public sealed class RealTimeCluster() : BatchCluster(null);

/// <summary>Starts at a fixed instant; tests move it on with <see cref="FakeTimeProvider.Advance"/>.</summary>
public sealed class FakeTimeCluster() : BatchCluster(new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 9, 0, 0, TimeSpan.Zero)));

[CollectionDefinition(Name)]
public sealed class RealTimeTests : ICollectionFixture<RealTimeCluster>
{
    public const string Name = "real-time cluster";
}

[CollectionDefinition(Name)]
public sealed class FakeTimeTests : ICollectionFixture<FakeTimeCluster>
{
    public const string Name = "fake-time cluster";
}
