using System.Net;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace BatchCalling.Dialing;

/// <summary>
/// What a platform's answer to a dial, or its lack of one, says: the same for every platform reached over HTTP. Only how a
/// placed call and a refusal are read differ between platforms.
/// </summary>
internal static class DialAnswers
{
    /// <summary>When a platform that refused a call for now says nothing of when to come back.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Sends the dial once: a <c>2xx</c> is placed (<paramref name="placed"/> reads it); <c>429</c> or <c>503</c>, or no
    /// connection at all, placed nothing; another <c>4xx</c> refused it for good (<paramref name="refusal"/> gives the code);
    /// no answer or another <c>5xx</c> leaves its fate unknown.
    /// </summary>
    public static async Task<PlaceResult> SendAsync(
        HttpClient http, HttpRequestMessage dial, Func<HttpResponseMessage, Task<PlaceResult>> placed, Func<HttpResponseMessage, Task<string>> refusal,
        CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(dial, cancellationToken);
        }
        catch (Exception ex) when (NeverSent(ex))
        {
            return PlaceResult.NotPlaced(DefaultRetryAfter);
        }
        catch (Exception ex) when (IsNoAnswer(ex))
        {
            return PlaceResult.Unknown;
        }

        using (response)
        {
            return response.StatusCode switch
            {
                >= HttpStatusCode.OK and < HttpStatusCode.MultipleChoices => await placed(response),
                HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable => PlaceResult.NotPlaced(RetryAfter(response)),
                >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError => PlaceResult.Rejected(await refusal(response)),
                _ => PlaceResult.Unknown,
            };
        }
    }

    /// <summary>The platform gave no answer: unreachable, timed out, or cut off by its open circuit.</summary>
    public static bool IsNoAnswer(Exception ex) =>
        ex is HttpRequestException or TimeoutException or OperationCanceledException or TimeoutRejectedException or BrokenCircuitException;

    /// <summary>Failures that prove the request never left: no connection could be made, or the circuit is open.</summary>
    private static bool NeverSent(Exception ex) =>
        ex is BrokenCircuitException || ex is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };

    private static TimeSpan RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter is { } retryAfter
            ? retryAfter.Delta ?? (retryAfter.Date is { } date ? date - DateTimeOffset.UtcNow : DefaultRetryAfter)
            : DefaultRetryAfter;
}
