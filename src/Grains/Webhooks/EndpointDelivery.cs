using BatchCalling.Contacts;
using BatchCalling.Diagnostics;
using Orleans.Storage;

namespace BatchCalling.Webhooks;

/// <summary>
/// One round of deliveries to one endpoint: each job's events one after another in their order, stopping at the first
/// that fails (the rest wait behind it), and up to <see cref="ParallelJobs"/> jobs at once. Finished contacts' calls are
/// read from their records first, all together (<see cref="ContactCalls"/>).
/// </summary>
internal sealed class EndpointDelivery(
    WebhookEndpoint endpoint, WebhookSender sender, IGrainStorage storage, IGrainFactory grains, TimeProvider clock, BatchMetrics metrics, Func<double> jitter)
{
    /// <summary>
    /// How many jobs' events go at once: bounded, so an endpoint sees a few connections, not one per job; large enough that
    /// a busy silo still keeps up (at 4, an endpoint fell behind a 2-core machine dialing flat out: docs/benchmarks.md, #12).
    /// </summary>
    public const int ParallelJobs = 16;

    public async Task<DeliveryRound> RunAsync(IReadOnlyList<OutboxRow> rows)
    {
        var calls = await CallsAsync(rows);
        using var gate = new SemaphoreSlim(ParallelJobs);
        var jobs = await Task.WhenAll(rows.GroupBy(r => r.Event.JobId).Select(async job =>
        {
            await gate.WaitAsync();
            try
            {
                return await RunJobAsync(job.ToList(), calls);
            }
            finally
            {
                gate.Release();
            }
        }));
        return new DeliveryRound([.. jobs.SelectMany(j => j.Outcomes)], [.. jobs.SelectMany(j => j.Deferrals)]);
    }

    private async Task<DeliveryRound> RunJobAsync(List<OutboxRow> rows, Dictionary<long, IReadOnlyList<CallAttempt>> calls)
    {
        var outcomes = new List<DeliveryOutcome>();
        foreach (var row in rows)
        {
            var body = WebhookPayloads.Write(row.Event, calls.GetValueOrDefault(row.Seq) ?? []);
            var status = await sender.SendAsync(endpoint, row.Event.EventId, body);
            var now = clock.GetUtcNow();
            var attempts = row.Attempts + 1;
            if (status is >= 200 and < 300)
            {
                outcomes.Add(new DeliveryOutcome(row.Seq, WebhookDeliveryStatus.Delivered, status, attempts, now, null));
                metrics.WebhookDelivered(now - row.CreatedAt);
                continue;
            }

            var next = DeliveryRules.NextAttempt(attempts, row.CreatedAt, now, jitter());
            outcomes.Add(new DeliveryOutcome(row.Seq, next is null ? WebhookDeliveryStatus.GivenUp : WebhookDeliveryStatus.Failed, status, attempts, now, next));
            // The job's later events wait for this one's retry; given up, they are next in line.
            return new DeliveryRound(outcomes, next is { } until ? [new DeliveryDeferral(row.Event.JobId, row.Seq, until)] : []);
        }

        return new DeliveryRound(outcomes, []);
    }

    /// <summary>The calls of every finished contact in <paramref name="rows"/> that was ever dialed, by row.</summary>
    private async Task<Dictionary<long, IReadOnlyList<CallAttempt>>> CallsAsync(IReadOnlyList<OutboxRow> rows)
    {
        var dialed = rows.Where(r => r.Event is FinishedContact { Progress.Attempts: > 0 }).ToList();
        var calls = await Task.WhenAll(dialed.Select(r =>
        {
            var contact = (FinishedContact)r.Event;
            return ContactCalls.ReadAsync(storage, grains, ContactKey.For(contact.ContactJobId, contact.Index));
        }));
        return dialed.Select((r, n) => (r.Seq, Calls: calls[n])).ToDictionary(c => c.Seq, c => c.Calls);
    }
}
