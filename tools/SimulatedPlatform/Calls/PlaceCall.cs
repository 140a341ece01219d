using BatchCalling.SimulatedPlatform.Events;
using BatchCalling.SimulatedPlatform.Hosting;
using BatchCalling.SimulatedPlatform.Signing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace BatchCalling.SimulatedPlatform.Calls;

/// <summary><c>POST /calls</c>: places a call as its contact scripts it, misbehaving as asked.</summary>
public static class PlaceCall
{
    /// <summary>Column <c>protocol</c> of a call placed over the webhook protocol.</summary>
    public const string Protocol = "webhook";

    public static async Task<Results<Ok<PlacedCall>, ProblemHttpResult>> HandleAsync(
        HttpContext http, CallStore store, CallReporter reporter, IOptions<PlatformOptions> options)
    {
        var settings = options.Value;
        if (!PlaceCallBody.TryParse(SignedBody.Of(http), out var call, out var problem)
            || !CallScript.TryRead(call, settings, out var script, out problem))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a call to place.", detail: problem);
        }

        if (http.Request.Headers["Idempotency-Key"] != call.CallId)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Idempotency-Key must be the callId.");
        }

        var placement = await store.PlaceAsync(call, script, "sim_" + Guid.NewGuid().ToString("N"), FirstPost.For(script.Behaviour), Protocol, machineDetection: false, ReceivedAt.Of(http));
        if (placement.Placements == 1 && settings.ProgressEvents && !script.Behaviour.HasFlag(Behaviour.ReorderedEvents))
        {
            reporter.StartProgress(new StoredCall(call.CallId!, script.Outcome, script.ConnectedMs, script.Behaviour, call.EventsUrl!, HungUp: false));
        }

        await MisbehaveAsync(http, placement, script, settings);

        return placement.ProviderCallId is { } providerCallId && placement.Status == StatusCodes.Status200OK
            ? TypedResults.Ok(new PlacedCall(providerCallId, CallEvents.RoomName(call.CallId!)))
            : TypedResults.Problem(statusCode: placement.Status, title: $"Simulated failure ({BehaviourNames.Format(script.Behaviour)}).");
    }

    /// <summary>Holds the answer as the call's misbehaviours ask, and says when to come back after a refusal.</summary>
    public static async Task MisbehaveAsync(HttpContext http, Placement placement, CallScript script, PlatformOptions settings)
    {
        if (script.Behaviour.HasFlag(Behaviour.SlowAnswer))
        {
            await WaitAsync(settings.SlowAnswerMs, http.RequestAborted);
        }

        if (placement.First && script.Behaviour.HasFlag(Behaviour.TimeoutFirstPost))
        {
            await WaitAsync(settings.HangingAnswerMs, http.RequestAborted);
        }

        if (placement.Status is StatusCodes.Status503ServiceUnavailable or StatusCodes.Status429TooManyRequests)
        {
            http.Response.Headers.RetryAfter = "1";
        }
    }

    /// <summary>Waits, or less when the caller gives up: its answer would go nowhere.</summary>
    private static async Task WaitAsync(int milliseconds, CancellationToken aborted) =>
        await Task.Delay(milliseconds, aborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
}
