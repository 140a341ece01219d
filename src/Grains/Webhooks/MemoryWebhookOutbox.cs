namespace BatchCalling.Webhooks;

/// <summary>
/// The embedded default's outbox, in the process's memory: it lasts as long as the process, like everything else there.
/// Each endpoint keeps its last <see cref="KeptPerEndpoint"/> finished events for its log (and for dedupe).
/// </summary>
public sealed class MemoryWebhookOutbox : IWebhookOutbox
{
    private const int KeptPerEndpoint = 1000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Endpoint> _endpoints = [];
    private long _seq;

    public Task AddAsync(IReadOnlyList<OutboxEntry> entries, DateTimeOffset now)
    {
        lock (_gate)
        {
            foreach (var entry in entries)
            {
                if (!_endpoints.TryGetValue(entry.EndpointId, out var endpoint))
                {
                    _endpoints[entry.EndpointId] = endpoint = new Endpoint(entry.OrganizationId);
                }

                if (endpoint.EventIds.Add(entry.Event.EventId))
                {
                    var blockedUntil = endpoint.Rows.Values
                        .Where(r => r.Status == WebhookDeliveryStatus.Failed && r.Event.JobId == entry.Event.JobId)
                        .Select(r => r.NextAttemptAt).DefaultIfEmpty(now).Max();
                    var seq = ++_seq;
                    endpoint.Rows[seq] = new Row(seq, entry.Event, now) { NextAttemptAt = blockedUntil > now ? blockedUntil : now };
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<DueRows> TakeDueAsync(string endpointId, DateTimeOffset now, int max)
    {
        lock (_gate)
        {
            var waiting = Rows(endpointId).Where(r => r.Status < WebhookDeliveryStatus.Delivered).ToList();
            var due = waiting.Where(r => r.NextAttemptAt <= now).Take(max).Select(r => new OutboxRow(r.Seq, r.Event, r.Attempts, r.CreatedAt)).ToList();
            var later = waiting.Where(r => r.NextAttemptAt > now).Select(r => (DateTimeOffset?)r.NextAttemptAt).Min();
            return Task.FromResult(new DueRows(due, later));
        }
    }

    public Task RecordAsync(string endpointId, IReadOnlyList<DeliveryOutcome> outcomes, IReadOnlyList<DeliveryDeferral> deferrals)
    {
        lock (_gate)
        {
            if (!_endpoints.TryGetValue(endpointId, out var endpoint))
            {
                return Task.CompletedTask;
            }

            foreach (var outcome in outcomes)
            {
                if (endpoint.Rows.TryGetValue(outcome.Seq, out var row))
                {
                    (row.Status, row.StatusCode, row.Attempts, row.LastAttemptAt) = (outcome.Status, outcome.StatusCode, outcome.Attempts, outcome.AttemptedAt);
                    row.NextAttemptAt = outcome.NextAttemptAt ?? row.NextAttemptAt;
                }
            }

            foreach (var deferral in deferrals)
            {
                foreach (var row in endpoint.Rows.Values.Where(r =>
                    r.Status == WebhookDeliveryStatus.Pending && r.Event.JobId == deferral.JobId && r.Seq > deferral.AfterSeq))
                {
                    row.NextAttemptAt = deferral.Until;
                }
            }

            var finished = endpoint.Rows.Values.Where(r => r.Status >= WebhookDeliveryStatus.Delivered).ToList();
            endpoint.Forget(finished.Take(Math.Max(0, finished.Count - KeptPerEndpoint)));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<WebhookDelivery>> RecentAsync(string endpointId, int max)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<WebhookDelivery>>([.. Rows(endpointId).AsEnumerable().Reverse().Take(max).Select(r => new WebhookDelivery(
                r.Event.EventId, r.Event.Type, r.Status, r.StatusCode, r.Attempts, r.LastAttemptAt,
                r.Status < WebhookDeliveryStatus.Delivered ? r.NextAttemptAt : null, r.CreatedAt))]);
        }
    }

    public Task<IReadOnlyList<DueEndpoint>> DueEndpointsAsync(DateTimeOffset now, int max)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<DueEndpoint>>([.. _endpoints
                .Where(e => e.Value.Rows.Values.Any(r => r.Status < WebhookDeliveryStatus.Delivered && r.NextAttemptAt <= now))
                .Take(max).Select(e => new DueEndpoint(e.Value.OrganizationId, e.Key))]);
        }
    }

    public Task ForgetEndpointAsync(string endpointId)
    {
        lock (_gate)
        {
            _endpoints.Remove(endpointId);
        }

        return Task.CompletedTask;
    }

    public Task EraseJobAsync(string jobId)
    {
        lock (_gate)
        {
            foreach (var row in _endpoints.Values.SelectMany(e => e.Rows.Values).Where(r => r.Event.JobId == jobId))
            {
                row.Event = new ErasedEvent(row.Event.EventId, row.Event.Type, jobId);
                row.Status = row.Status < WebhookDeliveryStatus.Delivered ? WebhookDeliveryStatus.GivenUp : row.Status;
            }
        }

        return Task.CompletedTask;
    }

    public Task PurgeAsync(DateTimeOffset createdBefore)
    {
        lock (_gate)
        {
            foreach (var endpoint in _endpoints.Values)
            {
                endpoint.Forget([.. endpoint.Rows.Values.Where(r => r.Status >= WebhookDeliveryStatus.Delivered && r.CreatedAt < createdBefore)]);
            }
        }

        return Task.CompletedTask;
    }

    private Row[] Rows(string endpointId) => _endpoints.TryGetValue(endpointId, out var endpoint) ? [.. endpoint.Rows.Values] : [];

    private sealed class Endpoint(string organizationId)
    {
        public string OrganizationId => organizationId;

        public SortedDictionary<long, Row> Rows { get; } = [];

        public HashSet<string> EventIds { get; } = [];

        public void Forget(IEnumerable<Row> rows)
        {
            foreach (var row in rows.ToList())
            {
                Rows.Remove(row.Seq);
                EventIds.Remove(row.Event.EventId);
            }
        }
    }

    private sealed class Row(long seq, WebhookEventData data, DateTimeOffset createdAt)
    {
        public long Seq => seq;

        public WebhookEventData Event { get; set; } = data;

        public DateTimeOffset CreatedAt => createdAt;

        public WebhookDeliveryStatus Status { get; set; }

        public int Attempts { get; set; }

        public int? StatusCode { get; set; }

        public DateTimeOffset? LastAttemptAt { get; set; }

        public DateTimeOffset NextAttemptAt { get; set; }
    }
}
