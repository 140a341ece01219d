using Npgsql;

namespace BatchCalling.Bench;

/// <summary>The PostgreSQL server of the production profile, read for WAL positions and the simulated dialer's records.</summary>
public static class Database
{
    public static string ConnectionString => LocalServices.Postgres;

    /// <summary>The server's WAL insert position in bytes; the difference of two is the WAL written between them.</summary>
    public static async Task<long> WalPositionAsync() =>
        (await QueryAsync("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn", r => Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)))[0];

    public static async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
