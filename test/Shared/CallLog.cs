using Npgsql;

namespace BatchCalling.Testing;

/// <summary>What the simulated platform recorded in PostgreSQL (table simulated_calls): the evidence the fault tests judge by.</summary>
public static class CallLog
{
    /// <summary>Calls of the job: how many, how many call ids were asked for more than once, how many never reported.</summary>
    public static async Task<(int Calls, int PlacedTwice, int Unreported)> CountsAsync(string jobId) =>
        await QueryAsync("""
            SELECT count(*)::int, count(*) FILTER (WHERE placements > 1)::int, count(*) FILTER (WHERE reported_at IS NULL)::int
            FROM simulated_calls WHERE job_id = $1
            """, jobId, r => (r.GetInt32(0), r.GetInt32(1), r.GetInt32(2)));

    /// <summary>Calls placed for the job.</summary>
    public static async Task<int> PlacedAsync(string jobId) => (await CountsAsync(jobId)).Calls;

    /// <summary>The most calls in progress at one instant, over calls where <paramref name="column"/> = <paramref name="value"/>.</summary>
    public static Task<int> PeakAsync(string column, string value) =>
        QueryAsync($"""
            WITH edges AS (
                SELECT started_at AS at, 1 AS change FROM simulated_calls WHERE {column} = $1
                UNION ALL
                SELECT ends_at, -1 FROM simulated_calls WHERE {column} = $1)
            SELECT coalesce(max(running), 0)::int FROM (SELECT sum(change) OVER (ORDER BY at, change) AS running FROM edges) AS overlap
            """, value, r => r.GetInt32(0));

    private static async Task<T> QueryAsync<T>(string sql, string parameter, Func<NpgsqlDataReader, T> read)
    {
        // No pool: the server restarts under these tests, and a pooled connection would be a dead one.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ProcessCluster.Postgres) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = parameter } } };
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return read(reader);
    }
}
