using System.Threading.Channels;
using BatchCalling.SimulatedPlatform.Calls;
using Npgsql;

namespace BatchCalling.SimulatedPlatform.Events;

/// <summary>
/// Delivers final events: claims the calls due as posts become free (at most 64 in flight), posts each, and marks the
/// results in batches. Polls every 50 ms while nothing is due, and at once again after a full claim.
/// </summary>
public sealed partial class EventDelivery(DeliveryStore store, CallReporter reporter, ILogger<EventDelivery> logger) : BackgroundService
{
    private const int MaxInFlight = 64;
    private const int MaxMarks = 512;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan OutagePause = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _slots = new(MaxInFlight, MaxInFlight);
    private readonly Channel<DeliveryResult> _results = Channel.CreateUnbounded<DeliveryResult>(new() { SingleReader = true });

    public override void Dispose()
    {
        _slots.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.WhenAll(ClaimAsync(stoppingToken), MarkAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Claimed and not marked: their leases bring them back, here or in another instance.
        }
    }

    private async Task ClaimAsync(CancellationToken stopping)
    {
        while (true)
        {
            await _slots.WaitAsync(stopping);
            var free = 1;
            while (free < MaxInFlight && _slots.Wait(0, stopping))
            {
                free++;
            }

            List<StoredCall> due;
            try
            {
                due = await store.ClaimDueAsync(free, stopping);
            }
            catch (NpgsqlException e)
            {
                _slots.Release(free);
                LogOutage(e);
                await Task.Delay(OutagePause, stopping);
                continue;
            }

            if (due.Count < free)
            {
                _slots.Release(free - due.Count);
            }

            foreach (var call in due)
            {
                _ = DeliverAsync(call, stopping);
            }

            if (due.Count < free)
            {
                await Task.Delay(PollInterval, stopping);
            }
        }
    }

    private async Task DeliverAsync(StoredCall call, CancellationToken stopping)
    {
        try
        {
            _results.Writer.TryWrite(await reporter.DeliverFinalAsync(call, stopping));
        }
        catch (OperationCanceledException)
        {
            // Stopping: the call's lease brings it back.
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task MarkAsync(CancellationToken stopping)
    {
        List<DeliveryResult> batch = [];
        while (await _results.Reader.WaitToReadAsync(stopping))
        {
            while (batch.Count < MaxMarks && _results.Reader.TryRead(out var result))
            {
                batch.Add(result);
            }

            try
            {
                await store.MarkAsync(batch, stopping);
            }
            catch (NpgsqlException e)
            {
                // The posts happened; unmarked, their calls are claimed again when the lease runs out and posted once more
                // with the same webhook-id, which the receiver dedupes.
                LogOutage(e);
            }

            batch.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL failed under the event delivery; trying again")]
    private partial void LogOutage(Exception exception);
}
