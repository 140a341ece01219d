using System.ComponentModel;
using System.Globalization;
using BatchCalling.Gateway.Auth;
using BatchCalling.Gateway.Errors;
using BatchCalling.Gateway.OpenApi;
using BatchCalling.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BatchCalling.Gateway.Jobs;

/// <summary><c>GET /batch/jobs/{id}/progress</c>: a job's progress over time, for the dashboard's chart.</summary>
public static class JobProgressEndpoints
{
    public const string InvalidPoints = "invalid_points";
    private const int DefaultPoints = 60;
    private const int MaxPoints = 500;

    public static RouteGroupBuilder MapJobProgress(this RouteGroupBuilder jobs)
    {
        jobs.MapGet("/{id}/progress", ProgressAsync).WithName("GetBatchJobProgress").WithSummary("A job's progress over time")
            .WithDescription("Evenly spaced instants from the job's start to its end (or now), each with the contacts final by then and the " +
                "completed calls among them, rebuilt from each contact's completion time. Empty before the job started.")
            .Problem(StatusCodes.Status400BadRequest, InvalidPoints)
            .Problem(StatusCodes.Status404NotFound, ErrorCodes.JobNotFound);
        return jobs;
    }

    private static async Task<Results<Ok<JobProgressResponse>, ProblemHttpResult>> ProgressAsync(
        string id, Caller caller, IGrainFactory grains, [Description("2–500, default 60.")] string? points)
    {
        var count = DefaultPoints;
        if (points is not null && (!int.TryParse(points, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 2 or > MaxPoints))
        {
            return ApiProblem.BadRequest(InvalidPoints, $"points must be a whole number from 2 to {MaxPoints}");
        }

        return await BatchJobsEndpoints.Job(grains, id).GetProgressAsync(caller.OrganizationId, count) is { } timeline
            ? TypedResults.Ok(new JobProgressResponse(id, timeline))
            : ApiProblem.JobNotFound();
    }
}

/// <summary>A job's progress over time: each point's time, contacts final by then, and completed calls among them.</summary>
public sealed record JobProgressResponse(string BatchJobId, IReadOnlyList<ProgressPoint> Points);
