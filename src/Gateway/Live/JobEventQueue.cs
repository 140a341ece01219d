using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace BatchCalling.Gateway.Live;

/// <summary>
/// One event stream's events not yet written: the latest per job, so a slow reader skips figures it never read and its
/// queue never grows beyond one event per job it shows.
/// </summary>
internal sealed class JobEventQueue
{
    /// <summary>A quiet stream still writes this often, so a dead connection is noticed at both ends.</summary>
    public static readonly TimeSpan PingPeriod = TimeSpan.FromSeconds(15);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SseItem<string>> _pending = new(StringComparer.Ordinal);

    /// <summary>The jobs with an event pending, each once, in the order their events came.</summary>
    private readonly Channel<string> _ready = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public void Offer(string jobId, SseItem<string> item)
    {
        lock (_gate)
        {
            if (_pending.TryAdd(jobId, item))
            {
                _ready.Writer.TryWrite(jobId);
            }
            else
            {
                _pending[jobId] = item;
            }
        }
    }

    /// <summary>The events as they come, a ping when none came for a while, until cancelled (then it just ends).</summary>
    public async IAsyncEnumerable<SseItem<string>> ReadAllAsync(SseItem<string> ping, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            while (_ready.Reader.TryRead(out var jobId))
            {
                SseItem<string> item;
                lock (_gate)
                {
                    _pending.Remove(jobId, out item);
                }

                yield return item;
            }

            switch (await WaitAsync(cancellationToken))
            {
                case Wake.Quiet:
                    yield return ping;
                    break;
                case Wake.Stopped:
                    yield break;
            }
        }
    }

    private async Task<Wake> WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            var ready = _ready.Reader.WaitToReadAsync(cancellationToken).AsTask();
            var quiet = Task.Delay(PingPeriod, cancellationToken);
            await Task.WhenAny(ready, quiet);
            cancellationToken.ThrowIfCancellationRequested();
            return ready.IsCompleted ? Wake.Ready : Wake.Quiet;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Wake.Stopped;
        }
    }

    private enum Wake
    {
        Ready,
        Quiet,
        Stopped,
    }
}
