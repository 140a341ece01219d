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
        app.UseExceptionHandler(errors => errors.Run(async context =>
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

            if (problem.StatusCode >= 500)
            {
                LogUnhandled(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("BatchCalling.Gateway"), error, context.Request.Path);
            }

            await problem.ExecuteAsync(context);
        }));

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
}
