using BatchCalling.Contacts;

namespace BatchCalling.Gateway.Export;

/// <summary>
/// The export as a response, streamed page by page as the job grain answers: the gateway holds two pages at most however
/// many contacts the job has. The first page is asked for before anything is sent, so a fault there (the cluster or the
/// database unreachable) is still a problem document; a fault after that can only cut the response short, which the client
/// sees as a body that ends without its final chunk.
/// </summary>
public sealed class ContactsCsvResult(string jobId, ContactCsvColumns columns, Func<int, Task<ContactExportPage?>> pageAsync) : IResult
{
    public const string ContentType = "text/csv; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var page = await pageAsync(0);
        var response = httpContext.Response;
        response.ContentType = ContentType;
        // Job ids are ours ("batch_" and hex), so the name needs no escaping.
        response.Headers.ContentDisposition = $"attachment; filename=\"{jobId}.csv\"";
        await using var writer = new ContactsCsvWriter(response.Body, columns);
        await writer.WriteHeaderAsync(httpContext.RequestAborted);
        for (var next = 1; page is not null; next++)
        {
            // The next page is read while this one is written: the gateway holds two pages at most.
            var following = page.HasMore ? pageAsync(next) : Task.FromResult<ContactExportPage?>(null);
            await writer.WriteAsync(page.Rows, httpContext.RequestAborted);
            page = await following;
        }
    }
}
