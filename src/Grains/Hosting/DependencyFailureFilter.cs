using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Reminders.Redis;
using StackExchange.Redis;

namespace BatchCalling.Hosting;

/// <summary>
/// Turns a database or Redis failure inside a grain call into a <see cref="DependencyUnavailableException"/> that the
/// caller can receive and answer 503 to, logging the original here, where its details are.
/// </summary>
internal sealed partial class DependencyFailureFilter(ILogger<DependencyFailureFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (Describe(ex) is { } dependency)
        {
            LogUnavailable(ex, dependency, context.MethodName);
            if (ex is DbException || ex.InnerException is DbException)
            {
                // After a database restart every pooled connection is dead; drop them all rather than fail once per connection.
                NpgsqlConnection.ClearAllPools();
            }

            throw new DependencyUnavailableException(dependency + " is unavailable");
        }
    }

    private static string? Describe(Exception error) => error switch
    {
        DbException => "The database",
        RedisException or RedisRemindersException => "Redis",
        { InnerException: { } inner } => Describe(inner),
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Dependency} failed during {Method}")]
    private partial void LogUnavailable(Exception ex, string dependency, string method);
}
