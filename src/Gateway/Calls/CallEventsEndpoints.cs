using System.ComponentModel;
using System.Text;
using BatchCalling.Contacts;
using BatchCalling.Gateway.Errors;
using BatchCalling.Gateway.OpenApi;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BatchCalling.Gateway.Calls;

/// <summary>
/// <c>POST /calls/{callId}/events</c> (webhook dialer) and <c>POST /twilio/calls/{callId}/status</c> (Twilio's status
/// callbacks): a platform reports a call's progress. The gateway only routes: the contact grain the call id names verifies
/// the signature with its dialer's secret (held by the silos) and applies the event.
/// </summary>
public static class CallEventsEndpoints
{
    /// <summary>An event's results (transcript, summary, analysis) are at most 64 KB; the rest of it is small.</summary>
    private const int MaxEventBytes = 80 * 1024;

    /// <summary>The headers a signature is checked with; nothing else of the request reaches the cluster.</summary>
    private static readonly string[] SignatureHeaders = ["webhook-id", "webhook-timestamp", "webhook-signature"];

    private static readonly string[] TwilioSignatureHeaders = ["X-Twilio-Signature"];

    public static IEndpointRouteBuilder MapCallEventsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/calls/{callId}/events", ReceiveAsync).AllowAnonymous().WithTags("Call events").WithName("ReceiveCallEvent")
            .WithSummary("A platform reports a call's progress (webhook dialer)")
            .WithDescription("Signed per Standard Webhooks with the dialer's secret (a timestamp within 5 minutes). Idempotent and " +
                "order-tolerant: a repeated or late event changes nothing. The final event records the attempt's outcome and frees its slot.")
            .Accepts<CallEventBody>("application/json")
            .AnswersLikeACallEvent();
        routes.MapPost("/twilio/calls/{callId}/status", ReceiveTwilioAsync).AllowAnonymous().WithTags("Call events").WithName("ReceiveTwilioStatus")
            .WithSummary("Twilio reports a call's progress (twilio dialer)")
            .WithDescription("The `StatusCallback` of the dial: a form post signed in `X-Twilio-Signature` with the account's auth token, over " +
                "this address as built from `Gateway:PublicUrl`. `initiated`, `ringing` and `in-progress` are progress; a final `CallStatus` " +
                "records the attempt's outcome (API.md's table) and frees its slot. Idempotent and order-tolerant.")
            .Accepts<TwilioStatusBody>("application/x-www-form-urlencoded")
            .AnswersLikeACallEvent();
        return routes;
    }

    /// <summary>What both routes answer: taken, or why not.</summary>
    private static RouteHandlerBuilder AnswersLikeACallEvent(this RouteHandlerBuilder route) => route
        .Produces(StatusCodes.Status204NoContent)
        .Problem(StatusCodes.Status400BadRequest, "invalid_event")
        .Problem(StatusCodes.Status401Unauthorized, "unauthorized")
        .Problem(StatusCodes.Status404NotFound, "call_not_found")
        .Problem(StatusCodes.Status413PayloadTooLarge, "payload_too_large")
        .Problem(StatusCodes.Status503ServiceUnavailable, "service_unavailable");

    private static Task<Results<NoContent, ProblemHttpResult>> ReceiveAsync(
        [Description("The call id the dial named (`call_…`).")] string callId, HttpRequest http, IGrainFactory grains, CancellationToken aborted) =>
        ForwardAsync(callId, http, grains, SignatureHeaders,
            "The event's signature does not verify with the dialer's secret, or its timestamp is more than 5 minutes off.",
            "The body is not a call event: a JSON object with a known `status`.", aborted);

    private static Task<Results<NoContent, ProblemHttpResult>> ReceiveTwilioAsync(
        [Description("The call id the dial's `StatusCallback` named (`call_…`).")] string callId, HttpRequest http, IGrainFactory grains, CancellationToken aborted) =>
        ForwardAsync(callId, http, grains, TwilioSignatureHeaders,
            "X-Twilio-Signature does not verify with the account's auth token over this callback's address and form.",
            "The body is not a status callback: a form with a known `CallStatus`.", aborted);

    /// <summary>Hands the raw body and its signature headers to the contact grain, which verifies and applies them.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> ForwardAsync(
        string callId, HttpRequest http, IGrainFactory grains, string[] signatureHeaders, string unauthorized, string malformed, CancellationToken aborted)
    {
        if (!ContactKey.TryParseCallId(callId, out var contactKey))
        {
            return CallNotFound();
        }

        if (await ReadBodyAsync(http, aborted) is not { } body)
        {
            return ApiProblem.Of(StatusCodes.Status413PayloadTooLarge, "payload_too_large", "A call event is at most 80 KB.");
        }

        var headers = signatureHeaders.Where(name => http.Headers.ContainsKey(name)).ToDictionary(name => name, name => http.Headers[name].ToString());
        var verdict = await grains.GetGrain<IContactGrain>(contactKey).ReceiveEventAsync(callId, new InboundCallEvent(http.GetEncodedUrl(), body, headers));
        return verdict switch
        {
            CallEventVerdict.Accepted => TypedResults.NoContent(),
            CallEventVerdict.Unauthorized => ApiProblem.Of(StatusCodes.Status401Unauthorized, "unauthorized", unauthorized),
            CallEventVerdict.UnknownCall => CallNotFound(),
            _ => ApiProblem.BadRequest("invalid_event", malformed),
        };
    }

    private static ProblemHttpResult CallNotFound() => ApiProblem.Of(StatusCodes.Status404NotFound, "call_not_found", "Call not found");

    /// <summary>The raw body, exactly as signed; null when it is larger than an event may be.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest http, CancellationToken aborted)
    {
        if (http.ContentLength > MaxEventBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Body.ReadAsync(chunk, aborted)) > 0)
        {
            if (buffer.Length + read > MaxEventBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
