using BatchCalling.Contacts;
using Npgsql;

namespace BatchCalling.Dialing;

/// <summary>
/// The simulated platform's calls in table <c>simulated_calls</c> (deploy/sql/002): the database's clock times them,
/// so every silo agrees when a call ends, and a call whose silo died is still reported by a sweep.
/// </summary>
public sealed class PostgresCallLog(NpgsqlDataSource database) : ISimulatedCallLog
{
    public async Task<bool> StartAsync(CallRequest request, CallOutcome outcome, TimeSpan duration)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO simulated_calls (call_id, organization_id, job_id, outcome, duration_ms, started_at, ends_at)
            VALUES ($1, $2, $3, $4, $5, now(), now() + $5 * interval '1 millisecond')
            ON CONFLICT (call_id) DO UPDATE SET placements = simulated_calls.placements + 1
            RETURNING placements
            """);
        command.Parameters.AddWithValue(request.CallId);
        command.Parameters.AddWithValue(request.OrganizationId);
        command.Parameters.AddWithValue(request.JobId);
        command.Parameters.AddWithValue((short)outcome);
        command.Parameters.AddWithValue((int)duration.TotalMilliseconds);
        return (int)(await command.ExecuteScalarAsync())! == 1;
    }

    public async Task<bool> ClaimEndAsync(string callId)
    {
        // The call ends when the silo that placed it says so, by the database's clock (its timer and the database's
        // clock differ by a few milliseconds either way).
        await using var command = database.CreateCommand(
            "UPDATE simulated_calls SET reported_at = now(), ends_at = now() WHERE call_id = $1 AND reported_at IS NULL");
        command.Parameters.AddWithValue(callId);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    public async Task<bool> HangUpAsync(string callId)
    {
        await using var command = database.CreateCommand("""
            UPDATE simulated_calls
            SET ends_at = now(), reported_at = now(), outcome = $2,
                duration_ms = (extract(epoch FROM now() - started_at) * 1000)::int
            WHERE call_id = $1 AND reported_at IS NULL AND ends_at > now()
            """);
        command.Parameters.AddWithValue(callId);
        command.Parameters.AddWithValue((short)CallOutcome.Timeout);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    public async Task ReleaseAsync(string callId)
    {
        await using var command = database.CreateCommand("UPDATE simulated_calls SET reported_at = NULL WHERE call_id = $1");
        command.Parameters.AddWithValue(callId);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<EndedCall>> ClaimOverdueAsync(TimeSpan grace, int max)
    {
        await using var command = database.CreateCommand("""
            UPDATE simulated_calls SET reported_at = now()
            WHERE call_id IN (SELECT call_id FROM simulated_calls
                              WHERE reported_at IS NULL AND ends_at < now() - $1 * interval '1 millisecond'
                              ORDER BY ends_at LIMIT $2 FOR UPDATE SKIP LOCKED)
            RETURNING call_id, outcome, duration_ms
            """);
        command.Parameters.AddWithValue((int)grace.TotalMilliseconds);
        command.Parameters.AddWithValue(max);
        await using var reader = await command.ExecuteReaderAsync();
        var calls = new List<EndedCall>();
        while (await reader.ReadAsync())
        {
            calls.Add(new EndedCall(reader.GetString(0), (CallOutcome)reader.GetInt16(1), reader.GetInt32(2) / 1000.0));
        }

        return calls;
    }

    public async Task<CallStatus> GetStatusAsync(string callId)
    {
        await using var command = database.CreateCommand(
            "SELECT outcome, duration_ms, ends_at <= now() FROM simulated_calls WHERE call_id = $1");
        command.Parameters.AddWithValue(callId);
        await using var reader = await command.ExecuteReaderAsync();
        return !await reader.ReadAsync() ? CallStatus.Unknown
            : !reader.GetBoolean(2) ? CallStatus.InProgress
            : new CallStatus(true, (CallOutcome)reader.GetInt16(0), reader.GetInt32(1) / 1000.0);
    }
}
