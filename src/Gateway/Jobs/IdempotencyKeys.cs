using System.Security.Cryptography;
using System.Text;
using BatchCalling.Gateway.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BatchCalling.Gateway.Jobs;

/// <summary>
/// <c>Idempotency-Key</c> on create. The job's id is derived from the organization and the key, so the job record is the
/// key's record: a retry after a lost answer, or a duplicate sent at the same moment, reaches the same job grain, which
/// makes the job once and answers every repeat as it answered the first.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    private const int MaxLength = 255;

    /// <summary>1–255 visible ASCII characters, or a 400 <c>validation_error</c>.</summary>
    public static ProblemHttpResult? Check(string? key) =>
        key is null || (key.Length is > 0 and <= MaxLength && key.All(c => c is > ' ' and <= '~'))
            ? null
            : ApiProblem.Validation(Header, $"Must be 1 to {MaxLength} visible ASCII characters.");

    /// <summary>
    /// The id of the job a key makes. A key used again more than a day after its job was made names a job of its own:
    /// <paramref name="generation"/> counts those reuses.
    /// </summary>
    public static string JobId(string organizationId, string key, int generation) =>
        "batch_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{organizationId}\n{key}\n{generation}")))[..32];
}
