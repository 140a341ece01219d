using BatchCalling.Gateway.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BatchCalling.Gateway.Jobs;

/// <summary>The <c>page</c>, <c>pageSize</c> and <c>status</c> query parameters the list endpoints share.</summary>
public sealed record Paging(int Page, int PageSize)
{
    public static (Paging? Paging, ProblemHttpResult? Problem) Read(string? page, string? pageSize)
    {
        var pageNumber = 1;
        if (page is not null && (!int.TryParse(page, out pageNumber) || pageNumber < 1))
        {
            return (null, ApiProblem.BadRequest("invalid_page", "page must be a whole number of at least 1"));
        }

        var size = 20;
        if (pageSize is not null && (!int.TryParse(pageSize, out size) || size is < 1 or > 100))
        {
            return (null, ApiProblem.BadRequest("invalid_page_size", "pageSize must be a whole number from 1 to 100"));
        }

        return (new Paging(pageNumber, size), null);
    }

    /// <summary>An optional status filter: null when absent, else its value or a 400 <c>invalid_status</c>.</summary>
    public static (TStatus? Status, ProblemHttpResult? Problem) Status<TStatus>(string? status)
        where TStatus : struct, Enum =>
        status is null ? (null, null)
        : WireNames.TryParse<TStatus>(status, out var value) ? (value, null)
        : (null, ApiProblem.BadRequest("invalid_status", $"Invalid status '{status}'. Use one of: {string.Join(", ", Enum.GetValues<TStatus>().Select(WireNames.Of))}."));
}
