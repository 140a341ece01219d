using BatchCalling.Hosting;

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
        DependencyUnavailableException or TimeoutException or OrleansException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(Is),
        _ => DependencyFailures.Name(error) is not null || Is(error.InnerException),
    };

    /// <summary>Names the dependency for the problem's detail.</summary>
    public static string Describe(Exception error) => error switch
    {
        DependencyUnavailableException unavailable => unavailable.Message,
        AggregateException { InnerExceptions: [var inner, ..] } => Describe(inner),
        _ when DependencyFailures.Name(error) is { } dependency => dependency + " is unavailable",
        _ => "The calling cluster is unavailable",
    };
}
