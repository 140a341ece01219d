using BatchCalling.SimulatedPlatform.Twilio;
using Npgsql;
using NpgsqlTypes;

namespace BatchCalling.SimulatedPlatform.Calls;

/// <summary>
/// Places, reads and hangs up calls in table <c>platform_calls</c>. A call starts when its dial was received; from then
/// on the database's clock times it, so all instances agree when it ends; each request is one round trip.
/// </summary>
public sealed class CallStore(NpgsqlDataSource database, BatchCalling.SimulatedPlatform.Hosting.PlatformKey platform)
{
    /// <summary>
    /// Logs the POST in <c>platform_dial_requests</c> and places the call, or counts one more placement of a call id
    /// already placed. A first POST (no earlier row for the call id) answers what <paramref name="first"/> says, and
    /// places the call only when it says so.
    /// </summary>
    public async Task<Placement> PlaceAsync(
        PlaceCallBody call, CallScript script, string providerCallId, FirstPost first, string protocol, bool machineDetection, DateTimeOffset receivedAt)
    {
        await using var command = database.CreateCommand("""
            WITH request AS (
                SELECT CASE WHEN $15 THEN NOT EXISTS (SELECT 1 FROM platform_dial_requests WHERE call_id = $1) ELSE false END AS first
            ),
            answer AS (
                SELECT first, CASE WHEN first THEN $16 ELSE 200 END AS status, NOT first OR $17 AS places FROM request
            ),
            placed AS (
                INSERT INTO platform_calls (call_id, provider_call_id, organization_id, job_id, attempt, to_number, from_number,
                                            outcome, sip_code, duration_ms, max_duration_seconds, behaviour, events_url,
                                            protocol, machine_detection, started_at, ends_at, next_report_at, twilio_report_at, platform_key)
                SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $19, $20,
                       $21, $21 + $14 * interval '1 millisecond',
                       CASE WHEN $19 = 'twilio' THEN 'infinity' ELSE due END, CASE WHEN $19 = 'twilio' THEN due END, $22
                FROM answer, (SELECT CASE WHEN $18 THEN 'infinity' ELSE $21 + $14 * interval '1 millisecond' END AS due) AS final
                WHERE places
                ON CONFLICT (call_id) DO UPDATE SET placements = platform_calls.placements + 1
                RETURNING provider_call_id, placements, started_at
            ),
            logged AS (
                INSERT INTO platform_dial_requests (call_id, status_code, received_at) SELECT $1, status, $21 FROM answer
            )
            SELECT answer.status, answer.first, placed.provider_call_id, placed.placements, placed.started_at FROM answer LEFT JOIN placed ON true
            """);
        var p = command.Parameters;
        p.Add(new() { Value = call.CallId, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = providerCallId, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = call.OrganizationId, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = call.JobId, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = call.Attempt, NpgsqlDbType = NpgsqlDbType.Integer });
        p.Add(new() { Value = (object?)call.To ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = (object?)call.From ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = script.Outcome.Name, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = (object?)script.Outcome.SipCode ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        p.Add(new() { Value = script.ConnectedMs, NpgsqlDbType = NpgsqlDbType.Integer });
        p.Add(new() { Value = (object?)call.MaxDurationSeconds ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        p.Add(new() { Value = BehaviourNames.Format(script.Behaviour), NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = call.EventsUrl, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = script.EndsInMs, NpgsqlDbType = NpgsqlDbType.Integer });
        p.Add(new() { Value = first.Matters, NpgsqlDbType = NpgsqlDbType.Boolean });
        p.Add(new() { Value = first.Status, NpgsqlDbType = NpgsqlDbType.Integer });
        p.Add(new() { Value = first.Places, NpgsqlDbType = NpgsqlDbType.Boolean });
        // A lost event is never due: it stays unreported, as the receiver sees it.
        p.Add(new() { Value = script.Behaviour.HasFlag(Behaviour.LostEvent), NpgsqlDbType = NpgsqlDbType.Boolean });
        p.Add(new() { Value = protocol, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new() { Value = machineDetection, NpgsqlDbType = NpgsqlDbType.Boolean });
        p.Add(new() { Value = receivedAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        p.Add(new() { Value = platform.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await using var row = await command.ExecuteReaderAsync();
        await row.ReadAsync();
        return new Placement(row.GetInt32(0), row.GetBoolean(1), row.IsDBNull(2) ? null : row.GetString(2), row.IsDBNull(3) ? 0 : row.GetInt32(3),
            row.IsDBNull(4) ? null : row.GetFieldValue<DateTimeOffset>(4));
    }

    /// <summary>The call and whether it has ended, or null when it was never placed.</summary>
    public async Task<(StoredCall Call, bool Ended)?> FindAsync(string callId)
    {
        await using var command = database.CreateCommand($"SELECT {StoredCall.Columns}, ends_at <= now() FROM platform_calls WHERE call_id = $1");
        command.Parameters.AddWithValue(callId);
        await using var row = await command.ExecuteReaderAsync();
        return await row.ReadAsync() ? (StoredCall.Read(row), row.GetBoolean(StoredCall.ColumnCount)) : null;
    }

    /// <summary>A call of the Twilio subset by its sid, and whether it has ended; null when the account has no such call.</summary>
    public async Task<(StoredCall Call, bool Ended)?> FindTwilioAsync(string accountSid, string sid)
    {
        await using var command = database.CreateCommand($"""
            SELECT {StoredCall.Columns}, ends_at <= now() FROM platform_calls
            WHERE provider_call_id = $1 AND organization_id = $2 AND protocol = '{TwilioCallInfo.Protocol}'
            """);
        command.Parameters.AddWithValue(sid);
        command.Parameters.AddWithValue(accountSid);
        await using var row = await command.ExecuteReaderAsync();
        return await row.ReadAsync() ? (StoredCall.Read(row), row.GetBoolean(StoredCall.ColumnCount)) : null;
    }

    /// <summary>The account's calls of the Twilio subset, to and from the numbers given (any when null), newest first.</summary>
    public async Task<List<(StoredCall Call, bool Ended)>> ListTwilioAsync(string accountSid, string? to, string? from, int limit)
    {
        await using var command = database.CreateCommand($"""
            SELECT {StoredCall.Columns}, ends_at <= now() FROM platform_calls
            WHERE organization_id = $1 AND protocol = '{TwilioCallInfo.Protocol}'
              AND ($2::text IS NULL OR to_number = $2) AND ($3::text IS NULL OR from_number = $3)
            ORDER BY started_at DESC LIMIT $4
            """);
        command.Parameters.Add(new() { Value = accountSid, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)to ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)from ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = limit, NpgsqlDbType = NpgsqlDbType.Integer });
        await using var rows = await command.ExecuteReaderAsync();
        List<(StoredCall, bool)> calls = [];
        while (await rows.ReadAsync())
        {
            calls.Add((StoredCall.Read(rows), rows.GetBoolean(StoredCall.ColumnCount)));
        }

        return calls;
    }

    /// <summary>
    /// Ends a call in progress now, as <c>timeout</c>, connected until now if it was answered; its final event is then
    /// due at once. Answers whether it ended it, and whether the call exists at all.
    /// </summary>
    public async Task<(bool Ended, bool Exists)> HangUpAsync(string callId)
    {
        await using var command = database.CreateCommand("""
            WITH ended AS (
                UPDATE platform_calls
                SET outcome = $2, sip_code = NULL, hung_up = true, ends_at = now(),
                    duration_ms = CASE WHEN duration_ms > 0 THEN (extract(epoch FROM now() - started_at) * 1000)::int ELSE 0 END,
                    next_report_at = CASE WHEN next_report_at = 'infinity' THEN next_report_at ELSE now() END,
                    twilio_report_at = CASE WHEN twilio_report_at IS NULL OR twilio_report_at = 'infinity' THEN twilio_report_at ELSE now() END
                WHERE call_id = $1 AND ends_at > now()
                RETURNING 1
            )
            SELECT EXISTS (SELECT 1 FROM ended), EXISTS (SELECT 1 FROM platform_calls WHERE call_id = $1)
            """);
        command.Parameters.AddWithValue(callId);
        command.Parameters.AddWithValue(Outcome.Timeout.Name);
        await using var row = await command.ExecuteReaderAsync();
        await row.ReadAsync();
        return (row.GetBoolean(0), row.GetBoolean(1));
    }
}
