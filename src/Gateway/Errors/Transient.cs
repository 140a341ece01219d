using System.Data.Common;
using StackExchange.Redis;

namespace BatchCalling.Gateway.Errors;

/// <summary>
/// Failures of a dependency rather than of the request: the cluster unreachable or slow, PostgreSQL or Redis down.
/// They are answered 503 with <c>Retry-After</c>; nothing the request asked for was half-done by the gateway.
/// </summary>
public static class Transient
{
    public static bool Is(Exception? error) => error switch
    {
        null => false,
        DependencyUnavailableException or TimeoutException or OrleansException or DbException or RedisException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(Is),
        _ => Is(error.InnerException),
    };

    /// <summary>Names the dependency for the problem's detail.</summary>
    public static string Describe(Exception error) => error switch
    {
        DependencyUnavailableException unavailable => unavailable.Message,
        DbException => "The database is unavailable",
        RedisException => "Redis is unavailable",
        AggregateException { InnerExceptions: [var inner, ..] } => Describe(inner),
        { InnerException: { } inner } when Is(inner) && inner is not OrleansException => Describe(inner),
        _ => "The calling cluster is unavailable",
    };
}
