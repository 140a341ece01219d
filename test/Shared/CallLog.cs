using System.Globalization;

using BatchCalling.Contacts;
using BatchCalling.Dialing;
using Npgsql;

namespace BatchCalling.Testing;

/// <summary>
/// One call as the simulated platform recorded it; its id (<c>call_{jobId}_{index}_{attempt}</c>) names the contact and attempt.
/// <see cref="ReportStatus"/> is what the receiver last answered its final event, if it was ever posted;
/// <see cref="MaxDurationSeconds"/> the limit its dial carried.
/// </summary>
public sealed record PlatformCall(
    string CallId, string OrganizationId, string JobId, CallOutcome Outcome, int DurationMs,
    DateTimeOffset StartedAt, DateTimeOffset EndsAt, DateTimeOffset? ReportedAt, int Placements, int? ReportStatus = null,
    int MaxDurationSeconds = 0)
{
    public int ContactIndex => int.Parse(CallId.Split('_')[^2], CultureInfo.InvariantCulture);

    public int Attempt => int.Parse(CallId.Split('_')[^1], CultureInfo.InvariantCulture);
}

/// <summary>
/// What the simulated platform (tools/SimulatedPlatform) recorded in PostgreSQL, tables platform_calls and
/// platform_dial_requests: the evidence the fault tests judge by.
/// </summary>
public static class CallLog
{
    /// <summary>Calls of the job: how many, how many call ids were placed more than once, how many final events were never delivered.</summary>
    public static async Task<(int Calls, int PlacedTwice, int Unreported)> CountsAsync(string jobId) =>
        (await QueryAsync("""
            SELECT count(*)::int, count(*) FILTER (WHERE placements > 1)::int, count(*) FILTER (WHERE reported_at IS NULL)::int
            FROM platform_calls WHERE job_id = $1
            """, jobId, r => (r.GetInt32(0), r.GetInt32(1), r.GetInt32(2))))[0];

    /// <summary>Until the platform has marked the call's final event delivered (or refused for good).</summary>
    public static Task WaitUntilReportedAsync(string callId, TimeSpan timeout) =>
        Wait.UntilAsync(async () => (await CallsAsync("call_id", callId)).Single().ReportedAt is not null, timeout,
            () => $"{callId} was not marked reported");

    /// <summary>Calls placed for the job.</summary>
    public static async Task<int> PlacedAsync(string jobId) => (await CountsAsync(jobId)).Calls;

    /// <summary>Every call where <paramref name="column"/> = <paramref name="value"/>, as the platform recorded it.</summary>
    public static Task<List<PlatformCall>> CallsAsync(string column, string value) =>
        QueryAsync($"""
            SELECT call_id, organization_id, job_id, outcome, duration_ms, started_at, ends_at, reported_at, placements, report_status,
                   max_duration_seconds
            FROM platform_calls WHERE {column} = $1
            """, value, r => new PlatformCall(
                // The platform's outcome names, read as the product reads them (declined and canceled are failed).
                r.GetString(0), r.GetString(1), r.GetString(2), SimulatedOutcomes.ParseOutcome(r.GetString(3)), r.GetInt32(4),
                r.GetFieldValue<DateTimeOffset>(5), r.GetFieldValue<DateTimeOffset>(6),
                r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7), r.GetInt32(8), r.IsDBNull(9) ? null : r.GetInt32(9), r.IsDBNull(10) ? 0 : r.GetInt32(10)));

    /// <summary>Every <c>POST /calls</c> of the call id the platform acted on, oldest first: when it came, and the status it was answered.</summary>
    public static Task<List<(DateTimeOffset ReceivedAt, int Status)>> DialRequestsAsync(string callId) =>
        QueryAsync("SELECT received_at, status_code FROM platform_dial_requests WHERE call_id = $1 ORDER BY id",
            callId, r => (r.GetFieldValue<DateTimeOffset>(0), r.GetInt32(1)));

    /// <summary>The most calls in progress at one instant, over calls where <paramref name="column"/> = <paramref name="value"/>.</summary>
    public static async Task<int> PeakAsync(string column, string value) =>
        Concurrency(await CallsAsync(column, value)).Select(step => step.Running).DefaultIfEmpty().Max();

    /// <summary>
    /// How many of <paramref name="calls"/> are in progress from each instant one starts or ends until the next, in time
    /// order. A call holds its slot over [started_at, ends_at): one ending when another starts never overlaps it.
    /// </summary>
    public static List<(DateTimeOffset At, int Running)> Concurrency(IEnumerable<PlatformCall> calls)
    {
        var steps = new List<(DateTimeOffset At, int Running)>();
        var running = 0;
        foreach (var instant in calls.SelectMany(c => new[] { (At: c.StartedAt, Change: 1), (At: c.EndsAt, Change: -1) })
                     .GroupBy(edge => edge.At).OrderBy(edges => edges.Key))
        {
            running += instant.Sum(edge => edge.Change);
            steps.Add((instant.Key, running));
        }

        return steps;
    }

    private static async Task<List<T>> QueryAsync<T>(string sql, string parameter, Func<NpgsqlDataReader, T> read)
    {
        // No pool: the server restarts under these tests, and a pooled connection would be a dead one.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(LocalServices.Postgres) { Pooling = false }.ConnectionString);
        await OpenAsync(connection);
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = parameter } } };
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>
    /// Opens, trying again for up to 30 s while the server has no connection to spare: every test process of ./test.sh
    /// shares it, and some hold many while their clusters run.
    /// </summary>
    private static async Task OpenAsync(NpgsqlConnection connection)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await connection.OpenAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.TooManyConnections && attempt < 30)
            {
                await Task.Delay(1000);
            }
        }
    }
}
