using System.Text;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace BatchCalling.SimulatedPlatform.Signing;

/// <summary>
/// Lets through only requests signed with the platform's secret (Standard Webhooks, over the exact raw body, empty for
/// a GET); anything else is 401.
/// </summary>
public sealed class SignedRequests(StandardWebhook webhook) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        try
        {
            webhook.Verify(body, http.Request.Headers);
        }
        // ArgumentException: a header or body the library cannot encode to sign.
        catch (Exception e) when (e is WebhookVerificationException or ArgumentException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The request is not signed with the platform's secret.", detail: e.Message);
        }

        http.Features.Set(new SignedBody(body));
        return await next(context);
    }
}
