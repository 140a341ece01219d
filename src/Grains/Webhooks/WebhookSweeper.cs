using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BatchCalling.Webhooks;

/// <summary>
/// Every few seconds, on every silo, wakes the deliverers of endpoints with events due: a deliverer's wake is a one-way
/// message, lost when its silo dies, and this is what brings such events out anyway. An hour apart it also purges what is
/// past its retention.
/// </summary>
internal sealed partial class WebhookSweeper(
    IWebhookOutbox outbox,
    IGrainFactory grains,
    [FromKeyedServices(BatchClock.Key)] TimeProvider time,
    IOptions<WebhookOptions> options,
    ILogger<WebhookSweeper> logger) : BackgroundService
{
    private const int EndpointsPerSweep = 1000;
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromHours(1);

    private DateTimeOffset _lastPurge = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database or the cluster is not there yet, or not any more: the next sweep tries again.
                LogSweepFailed(ex);
            }
        }
    }

    private async Task SweepAsync()
    {
        var now = time.GetUtcNow();
        foreach (var due in await outbox.DueEndpointsAsync(now, EndpointsPerSweep))
        {
            await grains.GetGrain<IWebhookEndpointGrain>(due.EndpointId).WakeAsync(due.OrganizationId);
        }

        if (now - _lastPurge >= PurgeEvery)
        {
            await outbox.PurgeAsync(now - options.Value.Retention);
            _lastPurge = now;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The webhook sweep failed; the next one tries again")]
    private partial void LogSweepFailed(Exception ex);
}
