using BatchCalling.Testing;

namespace BatchCalling.ClusterTests;

/// <summary>
/// One simulated platform process and one receiver of what it posts, shared by a class of contract tests (each uses call ids
/// of its own): the receiver listens first, so the platform's first post finds it.
/// </summary>
public abstract class PlatformAndReceiver<TReceiver>(PlatformProcess platform, TReceiver receiver) : IAsyncLifetime
    where TReceiver : IAsyncLifetime
{
    public PlatformProcess Platform { get; } = platform;

    public TReceiver Receiver { get; } = receiver;

    public async Task InitializeAsync()
    {
        await Receiver.InitializeAsync();
        await Platform.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Platform.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
