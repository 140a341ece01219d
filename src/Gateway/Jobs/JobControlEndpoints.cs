using BatchCalling.Gateway.Auth;
using BatchCalling.Gateway.Errors;
using BatchCalling.Gateway.OpenApi;
using BatchCalling.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BatchCalling.Gateway.Jobs;

/// <summary>API.md "Pause, resume, delete": pausing and resuming a job, cancelling one contact, and erasing a final job.</summary>
public static class JobControlEndpoints
{
    public static RouteGroupBuilder MapJobControl(this RouteGroupBuilder jobs)
    {
        jobs.MapPost("/{id}/pause", PauseAsync).WithName("PauseBatchJob").WithSummary("Pause a running job; calls on the line finish")
            .WithDescription("No new call starts and retries falling due wait; calls in progress finish and record their outcome. " +
                "The job holds no concurrency slot beyond them, and stays paused across silo restarts.")
            .Problem(StatusCodes.Status400BadRequest, ErrorCodes.InvalidStatus)
            .Problem(StatusCodes.Status404NotFound, ErrorCodes.JobNotFound);
        jobs.MapPost("/{id}/resume", ResumeAsync).WithName("ResumeBatchJob").WithSummary("Resume a paused job")
            .WithDescription("A job paused for `insufficient_credits` resumes once the organization's credits cover a call (it also resumes by itself then).")
            .Problem(StatusCodes.Status400BadRequest, ErrorCodes.InvalidStatus, ErrorCodes.InsufficientCredits)
            .Problem(StatusCodes.Status404NotFound, ErrorCodes.JobNotFound);
        jobs.MapPost("/{id}/contacts/{index}/cancel", CancelContactAsync).WithName("CancelBatchJobContact")
            .WithSummary("Cancel one contact that is not final; a call on the line finishes")
            .WithDescription("Answers with the contact as `/contacts` shows it. A call it has on the line finishes: an outcome that would have been retried ends it `cancelled`, a final one stands.")
            .Problem(StatusCodes.Status400BadRequest, ErrorCodes.InvalidStatus)
            .Problem(StatusCodes.Status404NotFound, ErrorCodes.JobNotFound, ErrorCodes.ContactNotFound);
        jobs.MapDelete("/{id}", DeleteAsync).WithName("DeleteBatchJob").WithSummary("Erase a final job with its contacts, results and calls")
            .WithDescription("Only a job in a final status with no call on the line. Its record, contacts, custom fields, results and call records are " +
                "erased from storage, its list entry and idempotency key go, and its webhook events keep only ids and status codes. Afterwards it is `404 job_not_found`.")
            .Produces(StatusCodes.Status204NoContent)
            .Problem(StatusCodes.Status400BadRequest, ErrorCodes.InvalidStatus)
            .Problem(StatusCodes.Status404NotFound, ErrorCodes.JobNotFound);
        return jobs;
    }

    private static async Task<Results<Ok<JobControlResponse>, ProblemHttpResult>> PauseAsync(string id, Caller caller, IGrainFactory grains)
    {
        var result = await BatchJobsEndpoints.Job(grains, id).PauseAsync(caller.OrganizationId);
        return Answer(id, result, "Batch job paused", "pause");
    }

    private static async Task<Results<Ok<JobControlResponse>, ProblemHttpResult>> ResumeAsync(string id, Caller caller, IGrainFactory grains)
    {
        var result = await BatchJobsEndpoints.Job(grains, id).ResumeAsync(caller.OrganizationId);
        return result.Error == ErrorCodes.InsufficientCredits
            ? ApiProblem.BadRequest(ErrorCodes.InsufficientCredits, "Organization has insufficient credits")
            : Answer(id, result, "Batch job resumed", "resume");
    }

    private static async Task<Results<Ok<ContactResponse>, ProblemHttpResult>> CancelContactAsync(string id, string index, Caller caller, IGrainFactory grains)
    {
        if (!int.TryParse(index, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var position))
        {
            return ContactNotFound();
        }

        var result = await BatchJobsEndpoints.Job(grains, id).CancelContactAsync(caller.OrganizationId, position);
        return result.Error switch
        {
            null => TypedResults.Ok(ContactResponse.From(result.Contact!)),
            ErrorCodes.JobNotFound => ApiProblem.JobNotFound(),
            ErrorCodes.ContactNotFound => ContactNotFound(),
            var error => ApiProblem.BadRequest(error, "Cannot cancel a contact in a final status"),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, Caller caller, IGrainFactory grains)
    {
        var result = await BatchJobsEndpoints.Job(grains, id).DeleteAsync(caller.OrganizationId);
        return result.Error switch
        {
            null => TypedResults.NoContent(),
            ErrorCodes.JobNotFound => ApiProblem.JobNotFound(),
            var error => ApiProblem.BadRequest(error, result.CallsInProgress > 0 ? "Calls are still in progress" : "Cancel the job before deleting it"),
        };
    }

    private static Results<Ok<JobControlResponse>, ProblemHttpResult> Answer(string id, JobControlResult result, string message, string action) =>
        result.Error switch
        {
            null => TypedResults.Ok(new JobControlResponse(true, message, id, WireNames.Of(result.Status), result.CallsInProgress)),
            ErrorCodes.JobNotFound => ApiProblem.JobNotFound(),
            var error => ApiProblem.BadRequest(error, $"Cannot {action} job in '{WireNames.Of(result.Status)}' status"),
        };

    private static ProblemHttpResult ContactNotFound() =>
        ApiProblem.Of(StatusCodes.Status404NotFound, ErrorCodes.ContactNotFound, "Contact not found");
}
