using System.Net;

namespace BatchCalling.Testing;

public static class Unavailable
{
    /// <summary>
    /// Sends until the answer is not 503, as a client should while a server it needs recovers. Long enough to outlast
    /// one reply lost with a silo that died (the gateway answers 503 when Orleans' 30 s response timeout expires).
    /// </summary>
    public static async Task<HttpResponseMessage> RetryAsync(Func<Task<HttpResponseMessage>> send)
    {
        HttpResponseMessage? response = null;
        string? problem = null;
        await Wait.UntilAsync(async () =>
        {
            response = await send();
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                return true;
            }

            problem = await response.Content.ReadAsStringAsync();
            return false;
        }, TimeSpan.FromSeconds(90), () => "the API stayed unavailable: " + problem);
        return response!;
    }
}
