using BatchCalling.SimulatedPlatform.Calls;

namespace BatchCalling.SimulatedPlatform.Twilio;

/// <summary>
/// The subset of Twilio's Calls API the cluster's twilio dialer uses, for the one configured account (HTTP Basic auth):
/// place, fetch, list (filters <c>To</c>, <c>From</c>, <c>PageSize</c>, newest first) and end (<c>Status</c>).
/// </summary>
public static class TwilioApi
{
    /// <summary>Twilio's largest page.</summary>
    private const int MaxPageSize = 1000;

    public static IEndpointRouteBuilder MapTwilioApi(this IEndpointRouteBuilder app)
    {
        var calls = app.MapGroup("/2010-04-01/Accounts/{accountSid}").AddEndpointFilter<TwilioAccount>();
        calls.MapPost("/Calls.json", TwilioPlaceCall.HandleAsync);
        calls.MapGet("/Calls.json", ListAsync);
        calls.MapGet("/Calls/{sid}.json", GetAsync);
        calls.MapPost("/Calls/{sid}.json", UpdateAsync);
        return app;
    }

    private static async Task<IResult> GetAsync(string accountSid, string sid, CallStore store) =>
        await store.FindTwilioAsync(accountSid, sid) is ({ Twilio: { } twilio } call, var ended)
            ? TypedResults.Json(TwilioCallResource.Of(call, twilio, ended), TwilioJson.Options)
            : TwilioErrors.NotFound();

    private static async Task<IResult> ListAsync(string accountSid, HttpRequest request, CallStore store)
    {
        var pageSize = int.TryParse(request.Query["PageSize"], out var size) ? Math.Clamp(size, 1, MaxPageSize) : 50;
        var calls = await store.ListTwilioAsync(accountSid, NullIfEmpty(request.Query["To"]), NullIfEmpty(request.Query["From"]), pageSize);
        return TypedResults.Json(new TwilioCallPage(
            [.. calls.Where(c => c.Call.Twilio is not null).Select(c => TwilioCallResource.Of(c.Call, c.Call.Twilio!, c.Ended))],
            0, pageSize, request.Path + request.QueryString, null), TwilioJson.Options);
    }

    /// <summary>
    /// <c>Status=completed</c> ends a live call; <c>canceled</c> ends one not yet answered and leaves an answered one up, as
    /// Twilio does. A call that has ended is Twilio's error 21220 (not in progress).
    /// </summary>
    private static async Task<IResult> UpdateAsync(string accountSid, string sid, HttpRequest request, CallStore store)
    {
        var status = (await request.ReadFormAsync(request.HttpContext.RequestAborted))["Status"].ToString();
        if (status is not ("completed" or "canceled"))
        {
            return TwilioErrors.Result(StatusCodes.Status400BadRequest, 21218, "Status must be completed or canceled");
        }

        if (await store.FindTwilioAsync(accountSid, sid) is not ({ Twilio: not null } call, var ended))
        {
            return TwilioErrors.NotFound();
        }

        // An answered call is left up by a cancel; any other live call ends now (unless it just ended by itself).
        var leftUp = !ended && status == "canceled" && call.Outcome.Answered;
        return leftUp || (!ended && (await store.HangUpAsync(call.CallId)).Ended)
            ? await GetAsync(accountSid, sid, store)
            : TwilioErrors.Result(StatusCodes.Status400BadRequest, 21220, "Call is not in-progress. Cannot redirect.");
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
