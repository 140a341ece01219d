using Microsoft.Extensions.Logging;
using Npgsql;

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
        catch (Exception ex) when (DependencyFailures.Name(ex) is { } dependency)
        {
            LogUnavailable(ex, dependency, context.MethodName);
            if (dependency == DependencyFailures.Database)
            {
                // After a database restart every pooled connection is dead; drop them all rather than fail once per connection.
                NpgsqlConnection.ClearAllPools();
            }

            throw new DependencyUnavailableException(dependency + " is unavailable");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Dependency} failed during {Method}")]
    private partial void LogUnavailable(Exception ex, string dependency, string method);
}
