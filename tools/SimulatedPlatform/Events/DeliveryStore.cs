using BatchCalling.SimulatedPlatform.Calls;
using Npgsql;

namespace BatchCalling.SimulatedPlatform.Events;

/// <summary>
/// The final events owed, in table <c>platform_calls</c>: claimed in batches under a lease, so that several instances
/// share the work and a claim lost with its instance comes back; marked in batches.
/// </summary>
public sealed class DeliveryStore(NpgsqlDataSource database, BatchCalling.SimulatedPlatform.Hosting.PlatformKey platform)
{
    /// <summary>Longer than the posts of one delivery can take: at most three, of 5 s each.</summary>
    private const int LeaseMs = 20_000;

    /// <summary>When a post that was not settled is due again (report_attempts already counts it: its claim did).</summary>
    private const string DueAgain = """
        CASE WHEN now() - c.ends_at > interval '24 hours' THEN 'infinity'::timestamptz
             ELSE now() + least(250 * 2 ^ least(c.report_attempts - 1, 5), 5000) * interval '1 millisecond' END
        """;

    /// <summary>
    /// Up to <paramref name="max"/> calls that have ended and whose final event is due, the longest due first. A Twilio call's
    /// is due by <c>twilio_report_at</c>, its <c>next_report_at</c> being 'infinity': simulators of older commits sharing the
    /// database know only webhook events and would post it as one, so they must never claim it.
    /// </summary>
    public async Task<List<StoredCall>> ClaimDueAsync(int max, CancellationToken cancellation)
    {
        await using var command = database.CreateCommand($"""
            WITH webhook AS (
                SELECT call_id, next_report_at AS due_at FROM platform_calls
                WHERE reported_at IS NULL AND next_report_at <= now() AND ends_at <= now() AND platform_key = $3
                ORDER BY next_report_at LIMIT $1 FOR UPDATE SKIP LOCKED
            ),
            twilio AS (
                SELECT call_id, twilio_report_at AS due_at FROM platform_calls
                WHERE reported_at IS NULL AND twilio_report_at <= now() AND ends_at <= now() AND platform_key = $3
                ORDER BY twilio_report_at LIMIT $1 FOR UPDATE SKIP LOCKED
            )
            UPDATE platform_calls
            SET next_report_at = CASE WHEN twilio_report_at IS NULL THEN now() + $2 * interval '1 millisecond' ELSE next_report_at END,
                twilio_report_at = CASE WHEN twilio_report_at IS NULL THEN NULL ELSE now() + $2 * interval '1 millisecond' END,
                report_attempts = report_attempts + 1
            WHERE call_id IN (SELECT call_id FROM (SELECT * FROM webhook UNION ALL SELECT * FROM twilio) AS due ORDER BY due_at LIMIT $1)
            RETURNING {StoredCall.Columns}
            """);
        command.Parameters.AddWithValue(max);
        command.Parameters.AddWithValue(LeaseMs);
        command.Parameters.AddWithValue(platform.Value);
        await using var rows = await command.ExecuteReaderAsync(cancellation);
        List<StoredCall> due = [];
        while (await rows.ReadAsync(cancellation))
        {
            due.Add(StoredCall.Read(rows));
        }

        return due;
    }

    /// <summary>
    /// Records how each post went: a settled one is reported; another is due again after a backoff from 250 ms,
    /// doubling to at most 5 s, for 24 hours from the call's end, and then never.
    /// </summary>
    public async Task MarkAsync(IReadOnlyCollection<DeliveryResult> results, CancellationToken cancellation)
    {
        await using var command = database.CreateCommand($"""
            UPDATE platform_calls AS c
            SET report_status = r.status,
                reported_at = CASE WHEN r.settled THEN now() END,
                next_report_at = CASE WHEN r.settled OR c.twilio_report_at IS NOT NULL THEN c.next_report_at ELSE {DueAgain} END,
                twilio_report_at = CASE WHEN r.settled OR c.twilio_report_at IS NULL THEN c.twilio_report_at ELSE {DueAgain} END
            FROM unnest($1::text[], $2::int[], $3::bool[]) AS r(call_id, status, settled)
            WHERE c.call_id = r.call_id AND c.reported_at IS NULL
            """);
        command.Parameters.AddWithValue(results.Select(r => r.CallId).ToArray());
        command.Parameters.AddWithValue(results.Select(r => r.Status).ToArray());
        command.Parameters.AddWithValue(results.Select(r => r.Settled).ToArray());
        await command.ExecuteNonQueryAsync(cancellation);
    }
}
