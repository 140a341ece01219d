using Microsoft.AspNetCore.Http.HttpResults;

namespace BatchCalling.Gateway.Errors;

/// <summary>RFC 9457 problem documents that also carry the seed API's <c>detail</c> and a machine <c>code</c>.</summary>
public static class ApiProblem
{
    public static ProblemHttpResult Of(int status, string code, string detail, IEnumerable<KeyValuePair<string, object?>>? extensions = null)
    {
        var fields = new Dictionary<string, object?> { ["code"] = code };
        foreach (var (key, value) in extensions ?? [])
        {
            fields[key] = value;
        }

        return TypedResults.Problem(detail: detail, statusCode: status, extensions: fields);
    }

    /// <summary>A code for problems the framework writes itself (unknown route, wrong method, unreadable request).</summary>
    public static string CodeFor(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "unauthorized",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status413PayloadTooLarge => "payload_too_large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        StatusCodes.Status503ServiceUnavailable => "service_unavailable",
        >= 500 => "internal_error",
        _ => "bad_request",
    };

    public static ProblemHttpResult BadRequest(string code, string detail, IEnumerable<KeyValuePair<string, object?>>? extensions = null) =>
        Of(StatusCodes.Status400BadRequest, code, detail, extensions);

    public static ProblemHttpResult JobNotFound() => Of(StatusCodes.Status404NotFound, BatchCalling.Jobs.ErrorCodes.JobNotFound, "Batch job not found");

    public static ProblemHttpResult Validation(string field, string message) =>
        BadRequest("validation_error", "One or more fields are invalid.", [new("errors", new Dictionary<string, string[]> { [field] = [message] })]);
}
