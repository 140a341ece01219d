using System.ComponentModel;
using BatchCalling.Gateway.Auth;
using BatchCalling.Gateway.Errors;
using BatchCalling.Gateway.Jobs;
using BatchCalling.Gateway.OpenApi;
using BatchCalling.Gateway.Parsing;
using BatchCalling.Recipients;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BatchCalling.Gateway.DoNotCall;

/// <summary>
/// The <c>/batch/do-not-call</c> API: the organization's list of numbers never to call, checked as each contact is about to be
/// dialed. Numbers are checked here with the upload's rule; the list itself lives in the cluster.
/// </summary>
public static class DoNotCallEndpoints
{
    /// <summary>Numbers one add may carry: a request stays about 2 MB at most; a larger list goes in several.</summary>
    public const int MaxNumbers = 100_000;

    private const string TooManyNumbers = "too_many_numbers";
    private const string NumberNotFound = "number_not_found";

    public static IEndpointRouteBuilder MapDoNotCallApi(this IEndpointRouteBuilder routes)
    {
        var list = routes.MapApiKeyGroup("/batch/do-not-call", "Do-not-call");
        list.MapGet("/", ListAsync).WithName("ListDoNotCall").WithSummary("The organization's do-not-call list, paged")
            .WithDescription("Pages the numbers (`page` ≥ 1, `pageSize` 1–100, default 20) in a stable order while the list does not change, with `total`.")
            .Problem(StatusCodes.Status400BadRequest, "invalid_page", "invalid_page_size");
        list.MapPost("/", AddAsync).WithName("AddDoNotCall").WithSummary("Add numbers to the do-not-call list")
            .WithDescription($"Adds E.164 numbers (the upload's rule: a `+`, at most 15 digits, a real number for its region), at most {MaxNumbers:N0} a request. " +
                "Invalid numbers are left out and listed back with a reason; a contact whose number is on the list when it is about to be dialed " +
                "ends `blocked` with `failureReason: \"do_not_call\"`, in every job, running or not yet started.")
            .Problem(StatusCodes.Status400BadRequest, "validation_error", TooManyNumbers)
            .Problem(StatusCodes.Status413PayloadTooLarge, "payload_too_large");
        list.MapDelete("/{phone}", RemoveAsync).WithName("RemoveDoNotCall").WithSummary("Remove a number from the do-not-call list")
            .WithDescription("The number may be called again from now on, by contacts not yet final.")
            .Problem(StatusCodes.Status400BadRequest, SkipReasons.InvalidPhoneFormat)
            .Problem(StatusCodes.Status404NotFound, NumberNotFound);
        return routes;
    }

    private static async Task<Results<Ok<DoNotCallListResponse>, ProblemHttpResult>> ListAsync(
        Caller caller, IGrainFactory grains, [Description("1-based, default 1.")] string? page, [Description("1–100, default 20.")] string? pageSize)
    {
        var (paging, problem) = Paging.Read(page, pageSize);
        if (paging is null)
        {
            return problem!;
        }

        var found = await List(grains, caller).GetPageAsync(paging.Page, paging.PageSize);
        return TypedResults.Ok(new DoNotCallListResponse(found.Numbers, found.Total, paging.Page, paging.PageSize));
    }

    private static async Task<Results<Ok<AddDoNotCallResponse>, ProblemHttpResult>> AddAsync(AddDoNotCallRequest body, Caller caller, IGrainFactory grains)
    {
        if (body.Numbers is not { } numbers)
        {
            return ApiProblem.Validation("numbers", "Is required: an array of E.164 numbers.");
        }

        if (numbers.Count > MaxNumbers)
        {
            return ApiProblem.BadRequest(TooManyNumbers, $"At most {MaxNumbers} numbers per request; send the rest in further requests.");
        }

        var invalid = numbers.Select(n => (Number: n, Reason: PhoneNumberRules.Check(n))).Where(n => n.Reason is not null)
            .Select(n => new InvalidNumber(n.Number, n.Reason!)).ToList();
        var valid = numbers.Where(n => PhoneNumberRules.Check(n) is null).Select(n => n!).Distinct().ToList();
        var added = valid.Count == 0 ? 0 : await List(grains, caller).AddAsync(valid);
        return TypedResults.Ok(new AddDoNotCallResponse(added, valid.Count - added, invalid));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        [Description("The E.164 number, its `+` as is or as `%2B`.")] string phone, Caller caller, IGrainFactory grains)
    {
        if (!PhoneNumberRules.IsStrictE164(phone))
        {
            return ApiProblem.BadRequest(SkipReasons.InvalidPhoneFormat, "The number must be E.164: a '+' and at most 15 digits.");
        }

        return await List(grains, caller).RemoveAsync(phone)
            ? TypedResults.NoContent()
            : ApiProblem.Of(StatusCodes.Status404NotFound, NumberNotFound, "The number is not on the do-not-call list");
    }

    private static IDoNotCallListGrain List(IGrainFactory grains, Caller caller) => grains.GetGrain<IDoNotCallListGrain>(caller.OrganizationId);
}
