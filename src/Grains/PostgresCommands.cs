using Npgsql;
using NpgsqlTypes;

namespace BatchCalling;

/// <summary>
/// The production profile's own queries beside grain storage (contact pages, the webhook outbox): a connection opened for
/// each (the pool keeps it), commands with positional parameters.
/// </summary>
internal static class PostgresCommands
{
    public static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    public static NpgsqlCommand Command(string sql, NpgsqlConnection connection, params object?[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(values.Select(Parameter).ToArray());
        return command;
    }

    public static NpgsqlBatchCommand BatchCommand(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(values.Select(Parameter).ToArray());
        return command;
    }

    /// <summary>A positional parameter; nullable arrays say their element type, which their values cannot.</summary>
    private static NpgsqlParameter Parameter(object? value) => value switch
    {
        int?[] codes => new NpgsqlParameter { Value = codes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
        DateTime?[] times => new NpgsqlParameter { Value = times, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz },
        _ => new NpgsqlParameter { Value = value },
    };
}
