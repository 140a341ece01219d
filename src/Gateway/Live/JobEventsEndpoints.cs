using System.ComponentModel;
using BatchCalling.Gateway.Auth;
using BatchCalling.Gateway.Errors;
using BatchCalling.Gateway.Jobs;
using BatchCalling.Gateway.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BatchCalling.Gateway.Live;

/// <summary><c>GET /batch/jobs/events</c>: server-sent events of some of the organization's jobs, for the dashboard.</summary>
public static class JobEventsEndpoints
{
    public const int MaxJobs = 100;
    public const string InvalidJobIds = "invalid_job_ids";

    public static RouteGroupBuilder MapJobEvents(this RouteGroupBuilder jobs)
    {
        jobs.MapGet("/events", Stream).WithName("StreamBatchJobEvents").WithSummary("Live changes of some of the organization's jobs (server-sent events)")
            .WithDescription($"Repeat `id` for each job (up to {MaxJobs}), and/or ask `listed=true`. A `{JobEvents.Job}` event carries the list's job object and `statusBreakdown`: " +
                $"one for each job at once, then one whenever it changes (about once a second at most). A `{JobEvents.Gone}` event " +
                $"(`{{\"id\"}}`) tells of a job that does not exist for this key or was deleted, and a `{JobEvents.Ping}` event (`{{}}`) is " +
                $"written every 15 s while nothing changes. With `listed=true`, a `{JobEvents.Listed}` event (`{{\"id\"}}`) tells of each job the " +
                "organization creates. However many streams show a job, the gateway holds one subscription to it.")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .Problem(StatusCodes.Status400BadRequest, InvalidJobIds);
        return jobs;
    }

    private static Results<ServerSentEventsResult<string>, ProblemHttpResult> Stream(
        [FromQuery(Name = "id")] string[]? ids, [Description("Also tell of each new job of the organization.")] bool? listed,
        Caller caller, JobFeeds feeds, CancellationToken cancellationToken)
    {
        var jobIds = (ids ?? []).Distinct(StringComparer.Ordinal).ToArray();
        if ((jobIds.Length == 0 && listed != true) || jobIds.Length > MaxJobs
            || jobIds.Any(id => string.IsNullOrWhiteSpace(id) || id.Length > BatchJobsEndpoints.MaxJobIdLength))
        {
            return ApiProblem.BadRequest(InvalidJobIds, $"Give up to {MaxJobs} job ids as repeated `id` query parameters, at least one unless `listed=true`");
        }

        return TypedResults.ServerSentEvents(feeds.StreamAsync(caller.OrganizationId, jobIds, listed == true, cancellationToken));
    }
}
