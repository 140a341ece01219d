using BatchCalling.Organizations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace BatchCalling.Webhooks;

/// <summary>
/// The one deliverer of an endpoint: woken when events may be waiting (by whoever enqueued them, or the sweep), it
/// delivers rounds of due events (<see cref="EndpointDelivery"/>) on a grain timer for as long as there are any, and sleeps
/// until the earliest retry. Its turns interleave, so a wake never waits on a slow round; a slow or dead endpoint keeps
/// only this grain busy.
/// </summary>
internal sealed partial class WebhookEndpointGrain(
    IWebhookOutbox outbox,
    WebhookSender sender,
    [FromKeyedServices(BatchStorage.Name)] IGrainStorage storage,
    [FromKeyedServices(BatchClock.Key)] TimeProvider time,
    Diagnostics.BatchMetrics metrics,
    ILogger<WebhookEndpointGrain> logger) : Grain, IWebhookEndpointGrain
{
    /// <summary>The most events one round takes.</summary>
    public const int RoundSize = 200;

    /// <summary>How long after a round that failed (its organization or the outbox unavailable) the next is tried.</summary>
    private static readonly TimeSpan AfterFailedRound = TimeSpan.FromSeconds(5);

    private string? _organizationId;
    private IGrainTimer? _timer;
    private bool _inRound;
    private bool _wokenInRound;

    private string EndpointId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        LogActivated(EndpointId);
        return Task.CompletedTask;
    }

    Task IWebhookEndpointGrain.WakeAsync(string organizationId)
    {
        _organizationId = organizationId;
        if (_inRound)
        {
            _wokenInRound = true;
        }
        else
        {
            RunIn(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    private void RunIn(TimeSpan due)
    {
        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(RoundAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task RoundAsync()
    {
        (_inRound, _wokenInRound) = (true, false);
        TimeSpan? next;
        try
        {
            next = await DeliverDueAsync();
        }
        catch (Exception ex)
        {
            LogRoundFailed(ex, EndpointId);
            next = AfterFailedRound;
        }

        _inRound = false;
        if (_wokenInRound || next is not null)
        {
            RunIn(_wokenInRound ? TimeSpan.Zero : next!.Value);
        }
        else
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    /// <summary>One round; answers when the next is due, or null when nothing waits.</summary>
    private async Task<TimeSpan?> DeliverDueAsync()
    {
        var endpoint = await GrainFactory.GetGrain<IOrganizationGrain>(_organizationId!).GetWebhookAsync(EndpointId);
        if (endpoint is null)
        {
            // Deleted: what was left for it goes.
            await outbox.ForgetEndpointAsync(EndpointId);
            return null;
        }

        var now = time.GetUtcNow();
        var due = await outbox.TakeDueAsync(EndpointId, now, RoundSize);
        if (due.Rows.Count == 0)
        {
            return due.NextDueAt is { } at ? at - now : null;
        }

        var round = await new EndpointDelivery(endpoint, sender, storage, GrainFactory, time, metrics, Random.Shared.NextDouble).RunAsync(due.Rows);
        await outbox.RecordAsync(EndpointId, round.Outcomes, round.Deferrals);
        return TimeSpan.Zero;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook endpoint {EndpointId} delivers from this silo")]
    private partial void LogActivated(string endpointId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A delivery round of webhook endpoint {EndpointId} failed; it is tried again shortly")]
    private partial void LogRoundFailed(Exception ex, string endpointId);
}
