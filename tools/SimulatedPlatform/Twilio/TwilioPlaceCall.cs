using BatchCalling.SimulatedPlatform.Calls;
using BatchCalling.SimulatedPlatform.Events;
using BatchCalling.SimulatedPlatform.Hosting;
using Microsoft.Extensions.Options;

namespace BatchCalling.SimulatedPlatform.Twilio;

/// <summary>
/// <c>POST /2010-04-01/Accounts/{accountSid}/Calls.json</c>: places a call as its To number's script says (else the
/// configured weights and length), misbehaving as asked. Twilio has no idempotency key: a second POST of a call id is a
/// second ringing, so it counts one more placement (the double dial the tests look for) and answers the first call again.
/// </summary>
public static class TwilioPlaceCall
{
    public static async Task<IResult> HandleAsync(string accountSid, HttpContext http, CallStore store, CallReporter reporter, IOptions<PlatformOptions> options)
    {
        var settings = options.Value;
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (!TwilioDial.TryRead(form, accountSid, out var dial, out var problem))
        {
            return TwilioErrors.Result(StatusCodes.Status400BadRequest, problem.Value.Code, problem.Value.Message);
        }

        var numberScript = settings.Twilio.ScriptOf(dial.To);
        if (!CallScript.TryMake(dial.Call, numberScript?.OutcomeNames ?? [], numberScript?.DurationMs, numberScript?.BehaviourNames ?? [], settings,
                out var script, out var unknown))
        {
            return TwilioErrors.Result(StatusCodes.Status400BadRequest, 21220, unknown);
        }

        var placement = await store.PlaceAsync(dial.Call, script, TwilioCallInfo.NewSid(), FirstPost.For(script.Behaviour), TwilioCallInfo.Protocol, dial.MachineDetection, ReceivedAt.Of(http));
        var twilio = placement.ProviderCallId is { } sid
            ? new TwilioCallInfo(sid, accountSid, dial.To, dial.From, dial.MachineDetection, placement.StartedAt ?? DateTimeOffset.UtcNow)
            : null;
        if (twilio is not null && placement.Placements == 1 && settings.ProgressEvents && !script.Behaviour.HasFlag(Behaviour.ReorderedEvents))
        {
            reporter.StartProgress(new StoredCall(dial.Call.CallId!, script.Outcome, script.ConnectedMs, script.Behaviour, dial.Call.EventsUrl!, HungUp: false, twilio));
        }

        await PlaceCall.MisbehaveAsync(http, placement, script, settings);
        return placement.Status switch
        {
            StatusCodes.Status200OK when twilio is not null => TypedResults.Json(TwilioCallResource.Queued(twilio), TwilioJson.Options, statusCode: StatusCodes.Status201Created),
            StatusCodes.Status429TooManyRequests => TwilioErrors.Result(placement.Status, 20429, "Too Many Requests"),
            var status => TwilioErrors.Result(status, 20500, $"Simulated failure ({BehaviourNames.Format(script.Behaviour)})."),
        };
    }
}
