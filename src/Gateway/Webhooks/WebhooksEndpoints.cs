using BatchCalling.Hosting;
using BatchCalling.Gateway.Auth;
using BatchCalling.Gateway.Errors;
using BatchCalling.Gateway.OpenApi;
using BatchCalling.Jobs;
using BatchCalling.Networking;
using BatchCalling.Organizations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BatchCalling.Gateway.Webhooks;

/// <summary>The <c>/batch/webhooks</c> API: an organization's endpoints, their delivery logs, test pings and secret rotation.</summary>
public static class WebhooksEndpoints
{
    private const int MaxUrlLength = 2000;

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder routes)
    {
        var webhooks = routes.MapApiKeyGroup("/batch/webhooks", "Webhooks");
        webhooks.MapPost("/", CreateAsync).WithName("CreateWebhook").WithSummary("Register a webhook endpoint (its secret shown once)")
            .WithDescription("Events (`job.status_changed`, `contact.finished`) are posted to `url` at least once, signed per Standard Webhooks with the " +
                "`secret` answered here (and on rotation) only. At most 10 endpoints per organization; the URL must resolve to public addresses unless " +
                "`Network:AllowPrivateAddresses`.")
            .Problem(StatusCodes.Status400BadRequest, "validation_error");
        webhooks.MapGet("/", ListAsync).WithName("ListWebhooks").WithSummary("The organization's webhook endpoints, never their secrets")
            .WithDescription("Each endpoint's id, URL, events and creation time.");
        webhooks.MapDelete("/{id}", DeleteAsync).WithName("DeleteWebhook").WithSummary("Delete a webhook endpoint")
            .WithDescription("Nothing more is delivered to it, including events still waiting.")
            .Problem(StatusCodes.Status404NotFound, ErrorCodes.WebhookNotFound);
        webhooks.MapGet("/{id}/deliveries", DeliveriesAsync).WithName("ListWebhookDeliveries").WithSummary("An endpoint's 50 most recent events and their delivery")
            .WithDescription("Newest first: the event id (`webhook-id`), type, `pending`, `delivered`, `failed` (retried at `nextAttemptAt`) or `given_up` " +
                "(failed for 24 hours), the last HTTP status (null when none came), attempts and times.")
            .Problem(StatusCodes.Status404NotFound, ErrorCodes.WebhookNotFound);
        webhooks.MapPost("/{id}/test", TestAsync).WithName("TestWebhook").WithSummary("Send the endpoint a ping")
            .WithDescription("Queues `{ \"type\": \"ping\", \"webhookId\", \"at\" }` for the endpoint, whatever events it subscribed to; its delivery shows in the log.")
            .Problem(StatusCodes.Status404NotFound, ErrorCodes.WebhookNotFound);
        webhooks.MapPost("/{id}/rotate-secret", RotateSecretAsync).WithName("RotateWebhookSecret").WithSummary("Give the endpoint a new secret")
            .WithDescription("For 24 hours deliveries carry signatures with both the new secret and the previous one, so the receiver can switch when it likes.")
            .Problem(StatusCodes.Status404NotFound, ErrorCodes.WebhookNotFound);
        return routes;
    }

    private static async Task<Results<Created<CreatedWebhookResponse>, ProblemHttpResult>> CreateAsync(
        CreateWebhookRequest body, Caller caller, IGrainFactory grains, BatchProfile profile, CancellationToken aborted)
    {
        var url = body.Url is { Length: <= MaxUrlLength } text && Uri.TryCreate(text, UriKind.Absolute, out var parsed) ? parsed : null;
        if (await PublicAddresses.RefusalAsync(url, profile.AllowPrivateAddresses, aborted) is { } refusal)
        {
            return ApiProblem.Validation("url", refusal);
        }

        var created = await Organization(grains, caller).CreateWebhookAsync(url!, body.Events ?? []);
        return created.Endpoint is { } endpoint
            ? TypedResults.Created($"/batch/webhooks/{endpoint.Id}", CreatedWebhookResponse.From(endpoint))
            : ApiProblem.Validation(created.InvalidField!, created.Problem!);
    }

    private static async Task<Ok<WebhookListResponse>> ListAsync(Caller caller, IGrainFactory grains) =>
        TypedResults.Ok(new WebhookListResponse([.. (await Organization(grains, caller).ListWebhooksAsync()).Select(WebhookResponse.From)]));

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, Caller caller, IGrainFactory grains) =>
        await Organization(grains, caller).DeleteWebhookAsync(id) ? TypedResults.NoContent() : NotFound();

    private static async Task<Results<Ok<WebhookDeliveryListResponse>, ProblemHttpResult>> DeliveriesAsync(string id, Caller caller, IGrainFactory grains) =>
        await Organization(grains, caller).GetWebhookDeliveriesAsync(id) is { } deliveries
            ? TypedResults.Ok(new WebhookDeliveryListResponse([.. deliveries.Select(WebhookDeliveryResponse.From)]))
            : NotFound();

    private static async Task<Results<Accepted<WebhookTestResponse>, ProblemHttpResult>> TestAsync(string id, Caller caller, IGrainFactory grains) =>
        await Organization(grains, caller).TestWebhookAsync(id) is { } eventId
            ? TypedResults.Accepted($"/batch/webhooks/{id}/deliveries", new WebhookTestResponse(eventId))
            : NotFound();

    private static async Task<Results<Ok<WebhookSecretResponse>, ProblemHttpResult>> RotateSecretAsync(string id, Caller caller, IGrainFactory grains) =>
        await Organization(grains, caller).RotateWebhookSecretAsync(id) is { } secret ? TypedResults.Ok(new WebhookSecretResponse(secret)) : NotFound();

    /// <summary>The caller's organization: another organization's endpoint is not found there, exactly like a missing one.</summary>
    private static IOrganizationGrain Organization(IGrainFactory grains, Caller caller) => grains.GetGrain<IOrganizationGrain>(caller.OrganizationId);

    private static ProblemHttpResult NotFound() => ApiProblem.Of(StatusCodes.Status404NotFound, ErrorCodes.WebhookNotFound, "Webhook not found");
}
