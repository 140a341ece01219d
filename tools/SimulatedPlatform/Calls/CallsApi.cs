using BatchCalling.SimulatedPlatform.Events;
using BatchCalling.SimulatedPlatform.Signing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BatchCalling.SimulatedPlatform.Calls;

/// <summary>The platform's API, as the cluster's webhook dialer calls it: every request signed.</summary>
public static class CallsApi
{
    public static IEndpointRouteBuilder MapCallsApi(this IEndpointRouteBuilder app)
    {
        var calls = app.MapGroup("/calls").AddEndpointFilter<SignedRequests>();
        calls.MapPost("", PlaceCall.HandleAsync);
        calls.MapGet("/{callId}", GetAsync);
        calls.MapPost("/{callId}/hangup", HangUpAsync);
        return app;
    }

    /// <summary>The call's latest event: its progress while it lasts, then its final event.</summary>
    private static async Task<Results<Ok<CallProgress>, Ok<CallEvent>, ProblemHttpResult>> GetAsync(string callId, CallStore store) =>
        await store.FindAsync(callId) switch
        {
            null => NeverPlaced(),
            ({ } call, false) => TypedResults.Ok(CallEvents.InProgress(call)),
            ({ } call, true) => TypedResults.Ok(CallEvents.Final(call)),
        };

    private static async Task<Results<Ok<HangUpAnswer>, Conflict<HangUpAnswer>, ProblemHttpResult>> HangUpAsync(string callId, CallStore store) =>
        await store.HangUpAsync(callId) switch
        {
            (true, _) => TypedResults.Ok(new HangUpAnswer(true)),
            (false, true) => TypedResults.Conflict(new HangUpAnswer(false)),
            (false, false) => NeverPlaced(),
        };

    private static ProblemHttpResult NeverPlaced() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No call of that id was ever placed.");
}
