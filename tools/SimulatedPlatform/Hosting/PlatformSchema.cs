using Npgsql;

namespace BatchCalling.SimulatedPlatform.Hosting;

/// <summary>Creates the platform's tables when missing (platform-calls.sql, embedded), before the first request.</summary>
public sealed partial class PlatformSchema(NpgsqlDataSource database, ILogger<PlatformSchema> logger)
{
    public async Task ApplyAsync()
    {
        await using var stream = typeof(PlatformSchema).Assembly.GetManifestResourceStream("platform-calls.sql")
            ?? throw new InvalidOperationException("platform-calls.sql is not embedded in the build.");
        using var reader = new StreamReader(stream);
        await using var command = database.CreateCommand(await reader.ReadToEndAsync());
        await command.ExecuteNonQueryAsync();
        LogApplied();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tables platform_calls and platform_dial_requests are ready")]
    private partial void LogApplied();
}
