using Microsoft.AspNetCore.Diagnostics;

namespace BatchCalling.Gateway.Errors;

/// <summary>
/// Turns what escapes a handler into a problem document: request-level faults keep their 4xx status (a body over the
/// limit is 413 <c>payload_too_large</c>); anything else is a 500 with a generic detail and no stack trace.
/// </summary>
public static partial class ErrorHandling
{
    public const long MaxBodyBytes = 20 * 1024 * 1024;

    public static IApplicationBuilder UseApiErrors(this IApplicationBuilder app) =>
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // The middleware would log every exception as an error, a client's malformed body too; we log by status below.
            SuppressDiagnosticsCallback = _ => true,
            ExceptionHandler = HandleAsync,
        });

    private static async Task HandleAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var problem = error switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                ApiProblem.Of(StatusCodes.Status413PayloadTooLarge, "payload_too_large", "The request body is larger than 20 MB."),
            BadHttpRequestException bad =>
                ApiProblem.Of(bad.StatusCode, "validation_error", "The request could not be read: malformed or of the wrong type."),
            _ when Transient.Is(error) =>
                ApiProblem.Of(StatusCodes.Status503ServiceUnavailable, "service_unavailable", Transient.Describe(error!) + "; retry shortly."),
            _ => ApiProblem.Of(StatusCodes.Status500InternalServerError, "internal_error", FailureDetail(context.Request)),
        };
        if (problem.StatusCode == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "5";
        }

        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("BatchCalling.Gateway");
        var path = context.Request.Path.Value ?? "";
        switch (problem.StatusCode)
        {
            case StatusCodes.Status503ServiceUnavailable:
                LogUnavailable(logger, error, path);
                break;
            case >= 500:
                LogUnhandled(logger, error, path);
                break;
            default:
                LogClientError(logger, error, problem.StatusCode, path);
                break;
        }

        await problem.ExecuteAsync(context);
    }

    /// <summary>
    /// A status the framework sets without a body (unknown route, wrong method) gets our problem document, as JSON whatever
    /// the request's <c>Accept</c> says: a client parsing errors always finds a <c>code</c>.
    /// </summary>
    public static IApplicationBuilder UseApiStatusPages(this IApplicationBuilder app) =>
        app.UseStatusCodePages(context =>
        {
            var status = context.HttpContext.Response.StatusCode;
            return ApiProblem.Of(status, ApiProblem.CodeFor(status), Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status))
                .ExecuteAsync(context.HttpContext);
        });

    /// <summary>The seed API's generic sentences: "Failed to create batch job" and the like.</summary>
    private static string FailureDetail(HttpRequest request) =>
        (request.Method, request.Path.Value ?? "") switch
        {
            ("POST", "/batch/jobs" or "/batch/create") => "Failed to create batch job",
            (_, var p) when p.EndsWith("/start", StringComparison.Ordinal) => "Failed to start batch job",
            (_, var p) when p.EndsWith("/cancel", StringComparison.Ordinal) => "Failed to cancel batch job",
            (_, var p) when p.EndsWith("/reschedule", StringComparison.Ordinal) => "Failed to reschedule batch job",
            _ => "The request failed on the server",
        };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception? error, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A dependency is unavailable; {Path} was answered 503")]
    private static partial void LogUnavailable(ILogger logger, Exception? error, string path);

    /// <summary>A 4xx is the client's problem: noted, not alarmed about.</summary>
    [LoggerMessage(Level = LogLevel.Information, Message = "{Path} was answered {Status}: the request could not be read")]
    private static partial void LogClientError(ILogger logger, Exception? error, int status, string path);
}
