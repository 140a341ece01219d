using BatchCalling.Contacts;
using BatchCalling.Gateway.Errors;
using BatchCalling.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BatchCalling.Gateway.Jobs;

/// <summary>The page, page size and status query parameters the listings share, under the names each endpoint gives them.</summary>
public sealed record Paging(int Page, int PageSize)
{
    /// <summary>The job list and the contacts listing: <c>page</c> and <c>pageSize</c> 1–100, default 20.</summary>
    public static (Paging? Paging, ProblemHttpResult? Problem) Read(string? page, string? pageSize) =>
        Read(page, pageSize, "page", "pageSize", 20, 100);

    /// <summary>The job detail's contacts: <c>contactsPage</c> and <c>contactsPageSize</c> 1–500, default 50.</summary>
    private static (Paging? Paging, ProblemHttpResult? Problem) ReadContacts(string? page, string? pageSize) =>
        Read(page, pageSize, "contactsPage", "contactsPageSize", 50, 500);

    private static (Paging? Paging, ProblemHttpResult? Problem) Read(
        string? page, string? pageSize, string pageName, string sizeName, int defaultSize, int maxSize)
    {
        var pageNumber = 1;
        if (page is not null && (!int.TryParse(page, out pageNumber) || pageNumber < 1))
        {
            return (null, ApiProblem.BadRequest("invalid_page", $"{pageName} must be a whole number of at least 1"));
        }

        var size = defaultSize;
        if (pageSize is not null && (!int.TryParse(pageSize, out size) || size < 1 || size > maxSize))
        {
            return (null, ApiProblem.BadRequest("invalid_page_size", $"{sizeName} must be a whole number from 1 to {maxSize}"));
        }

        return (new Paging(pageNumber, size), null);
    }

    /// <summary>An optional status filter: null when absent, else its value or a 400 <c>invalid_status</c>.</summary>
    public static (TStatus? Status, ProblemHttpResult? Problem) Status<TStatus>(string? status)
        where TStatus : struct, Enum =>
        status is null ? (null, null)
        : WireNames.TryParse<TStatus>(status, out var value) ? (value, null)
        : (null, ApiProblem.BadRequest("invalid_status", $"Invalid status '{status}'. Use one of: {string.Join(", ", Enum.GetValues<TStatus>().Select(WireNames.Of))}."));

    /// <summary>A page of contacts, optionally of one status, under the job detail's limits or the contacts listing's.</summary>
    public static (ContactQuery? Query, ProblemHttpResult? Problem) Contacts(string? status, string? page, string? pageSize, bool inDetail)
    {
        var (filter, statusProblem) = ContactStatusFilter(status);
        var (paging, pageProblem) = inDetail ? ReadContacts(page, pageSize) : Read(page, pageSize);
        return (statusProblem ?? pageProblem) is { } problem ? (null, problem) : (new ContactQuery(filter, paging!.Page, paging.PageSize), null);
    }

    /// <summary>An optional contact status filter; <c>in_progress</c>, the older name of <c>dialing</c>, is still understood.</summary>
    public static (ContactStatus? Status, ProblemHttpResult? Problem) ContactStatusFilter(string? status) =>
        Status<ContactStatus>(status == "in_progress" ? WireNames.Of(ContactStatus.Dialing) : status);
}
