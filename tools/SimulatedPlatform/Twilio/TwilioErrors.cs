namespace BatchCalling.SimulatedPlatform.Twilio;

/// <summary>Twilio's error answers: <c>{"code", "message", "more_info", "status"}</c> with the HTTP status.</summary>
public static class TwilioErrors
{
    public static IResult Result(int status, int code, string message) =>
        TypedResults.Json(new TwilioError(code, message, $"https://www.twilio.com/docs/errors/{code}", status), TwilioJson.Options, statusCode: status);

    public static IResult NotFound() => Result(StatusCodes.Status404NotFound, 20404, "The requested resource was not found");
}
