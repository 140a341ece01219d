namespace BatchCalling;

/// <summary>
/// A grain call failed because a server the cluster depends on (PostgreSQL, Redis) did not answer. It crosses the
/// grain boundary in place of the driver's own exception, which Orleans cannot serialize; the gateway answers 503.
/// </summary>
[GenerateSerializer, Alias("batch.dependency-unavailable")]
public sealed class DependencyUnavailableException : Exception
{
    public DependencyUnavailableException()
    {
    }

    public DependencyUnavailableException(string message)
        : base(message)
    {
    }

    public DependencyUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
