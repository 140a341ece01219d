using Npgsql;
using Orleans.Serialization;
using static BatchCalling.PostgresCommands;

namespace BatchCalling.Webhooks;

/// <summary>
/// The production profile's outbox: table <c>webhook_outbox</c> (deploy/sql/003-webhook-outbox.sql), scoped by the
/// cluster's service id like grain state. Every method is one round trip; events are kept in Orleans' binary format.
/// </summary>
public sealed class PostgresWebhookOutbox(string connectionString, string serviceId, Serializer serializer) : IWebhookOutbox
{
    // The job's earlier event that failed, if any, is retried later: this one waits as long (GREATEST skips the null of none).
    private const string InsertSql = """
        INSERT INTO webhook_outbox (service_id, event_id, endpoint_id, organization_id, job_id, event_type, data, next_attempt_at, created_at)
        SELECT $1, e.event_id, e.endpoint_id, e.organization_id, e.job_id, e.event_type, e.data,
               GREATEST($2, (SELECT max(f.next_attempt_at) FROM webhook_outbox f
                             WHERE f.service_id = $1 AND f.endpoint_id = e.endpoint_id AND f.job_id = e.job_id AND f.status = 1)),
               $2
        FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bytea[]) WITH ORDINALITY
             AS e(event_id, endpoint_id, organization_id, job_id, event_type, data, n)
        ORDER BY e.n
        ON CONFLICT (service_id, event_id, endpoint_id) DO NOTHING
        """;

    private const string DueSql = """
        SELECT seq, data, attempts, created_at FROM webhook_outbox
        WHERE service_id = $1 AND endpoint_id = $2 AND status < 2 AND next_attempt_at <= $3
        ORDER BY seq LIMIT $4
        """;

    private const string NextDueSql = """
        SELECT min(next_attempt_at) FROM webhook_outbox
        WHERE service_id = $1 AND endpoint_id = $2 AND status < 2 AND next_attempt_at > $3
        """;

    private const string RecordSql = """
        UPDATE webhook_outbox o
        SET status = r.status, status_code = r.status_code, attempts = r.attempts, last_attempt_at = r.attempted_at,
            next_attempt_at = COALESCE(r.next_attempt_at, o.next_attempt_at)
        FROM unnest($1::bigint[], $2::smallint[], $3::integer[], $4::integer[], $5::timestamptz[], $6::timestamptz[])
             AS r(seq, status, status_code, attempts, attempted_at, next_attempt_at)
        WHERE o.seq = r.seq
        """;

    private const string DeferSql = """
        UPDATE webhook_outbox o SET next_attempt_at = d.until
        FROM unnest($3::text[], $4::bigint[], $5::timestamptz[]) AS d(job_id, after_seq, until)
        WHERE o.service_id = $1 AND o.endpoint_id = $2 AND o.status = 0 AND o.job_id = d.job_id AND o.seq > d.after_seq
        """;

    private const string RecentSql = """
        SELECT event_id, event_type, status, status_code, attempts, last_attempt_at, next_attempt_at, created_at FROM webhook_outbox
        WHERE service_id = $1 AND endpoint_id = $2 ORDER BY seq DESC LIMIT $3
        """;

    private const string EraseJobSql = """
        UPDATE webhook_outbox SET data = ''::bytea, status = CASE WHEN status < 2 THEN 3 ELSE status END
        WHERE service_id = $1 AND job_id = $2
        """;

    private const string DueEndpointsSql = """
        SELECT DISTINCT organization_id, endpoint_id FROM webhook_outbox
        WHERE service_id = $1 AND status < 2 AND next_attempt_at <= $2 LIMIT $3
        """;

    public async Task AddAsync(IReadOnlyList<OutboxEntry> entries, DateTimeOffset now)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(connectionString);
        await using var command = Command(InsertSql, connection, serviceId, now.ToUniversalTime(),
            entries.Select(e => e.Event.EventId).ToArray(), entries.Select(e => e.EndpointId).ToArray(),
            entries.Select(e => e.OrganizationId).ToArray(), entries.Select(e => e.Event.JobId).ToArray(),
            entries.Select(e => e.Event.Type).ToArray(), entries.Select(e => serializer.SerializeToArray(e.Event)).ToArray());
        await command.ExecuteNonQueryAsync();
    }

    public async Task<DueRows> TakeDueAsync(string endpointId, DateTimeOffset now, int max)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands = { BatchCommand(DueSql, serviceId, endpointId, now.ToUniversalTime(), max), BatchCommand(NextDueSql, serviceId, endpointId, now.ToUniversalTime()) },
        };
        await using var reader = await batch.ExecuteReaderAsync();
        var rows = new List<OutboxRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new OutboxRow(reader.GetInt64(0), serializer.Deserialize<WebhookEventData>(reader.GetFieldValue<byte[]>(1))!,
                reader.GetInt32(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        await reader.NextResultAsync();
        await reader.ReadAsync();
        return new DueRows(rows, reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0));
    }

    public async Task RecordAsync(string endpointId, IReadOnlyList<DeliveryOutcome> outcomes, IReadOnlyList<DeliveryDeferral> deferrals)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var batch = new NpgsqlBatch(connection);
        if (outcomes.Count > 0)
        {
            batch.BatchCommands.Add(BatchCommand(RecordSql,
                outcomes.Select(o => o.Seq).ToArray(), outcomes.Select(o => (short)o.Status).ToArray(), outcomes.Select(o => o.StatusCode).ToArray(),
                outcomes.Select(o => o.Attempts).ToArray(), outcomes.Select(o => o.AttemptedAt.UtcDateTime).ToArray(),
                outcomes.Select(o => o.NextAttemptAt?.UtcDateTime).ToArray()));
        }

        if (deferrals.Count > 0)
        {
            batch.BatchCommands.Add(BatchCommand(DeferSql, serviceId, endpointId,
                deferrals.Select(d => d.JobId).ToArray(), deferrals.Select(d => d.AfterSeq).ToArray(), deferrals.Select(d => d.Until.UtcDateTime).ToArray()));
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync();
        }
    }

    public async Task<IReadOnlyList<WebhookDelivery>> RecentAsync(string endpointId, int max)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = Command(RecentSql, connection, serviceId, endpointId, max);
        await using var reader = await command.ExecuteReaderAsync();
        var deliveries = new List<WebhookDelivery>();
        while (await reader.ReadAsync())
        {
            var status = (WebhookDeliveryStatus)reader.GetInt16(2);
            deliveries.Add(new WebhookDelivery(reader.GetString(0), reader.GetString(1), status,
                reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                status < WebhookDeliveryStatus.Delivered ? reader.GetFieldValue<DateTimeOffset>(6) : null,
                reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return deliveries;
    }

    public async Task<IReadOnlyList<DueEndpoint>> DueEndpointsAsync(DateTimeOffset now, int max)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = Command(DueEndpointsSql, connection, serviceId, now.ToUniversalTime(), max);
        await using var reader = await command.ExecuteReaderAsync();
        var due = new List<DueEndpoint>();
        while (await reader.ReadAsync())
        {
            due.Add(new DueEndpoint(reader.GetString(0), reader.GetString(1)));
        }

        return due;
    }

    public async Task ForgetEndpointAsync(string endpointId)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = Command("DELETE FROM webhook_outbox WHERE service_id = $1 AND endpoint_id = $2", connection, serviceId, endpointId);
        await command.ExecuteNonQueryAsync();
    }

    public async Task EraseJobAsync(string jobId)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = Command(EraseJobSql, connection, serviceId, jobId);
        await command.ExecuteNonQueryAsync();
    }

    public async Task PurgeAsync(DateTimeOffset createdBefore)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = Command("DELETE FROM webhook_outbox WHERE service_id = $1 AND status >= 2 AND created_at < $2",
            connection, serviceId, createdBefore.ToUniversalTime());
        await command.ExecuteNonQueryAsync();
    }
}
