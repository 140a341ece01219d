using Polly.CircuitBreaker;

namespace BatchCalling.Dialing;

/// <summary>What the lack of an answer to a dial, or a platform's "not now", says: the same for every platform reached over HTTP.</summary>
internal static class DialAnswers
{
    /// <summary>When a platform that refused a call for now says nothing of when to come back.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>Failures that prove the request never left: no connection could be made, or the circuit is open.</summary>
    public static bool NeverSent(Exception ex) =>
        ex is BrokenCircuitException || ex is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };

    /// <summary>Failures after which the request may have arrived: the platform alone can tell whether it placed the call.</summary>
    public static bool Unanswered(Exception ex) =>
        ex is HttpRequestException or TimeoutException or OperationCanceledException or Polly.Timeout.TimeoutRejectedException;

    public static TimeSpan RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter is { } retryAfter
            ? retryAfter.Delta ?? (retryAfter.Date is { } date ? date - DateTimeOffset.UtcNow : DefaultRetryAfter)
            : DefaultRetryAfter;
}
