using BatchCalling.SimulatedPlatform.Calls;
using Microsoft.Extensions.Options;

namespace BatchCalling.SimulatedPlatform.Hosting;

/// <summary>Fails the start, naming the setting, rather than a first request much later.</summary>
public sealed class PlatformOptionsValidator : IValidateOptions<PlatformOptions>
{
    private const string Prefix = "whsec_";

    public ValidateOptionsResult Validate(string? name, PlatformOptions options)
    {
        List<string> problems = [];
        if (!options.Secret.StartsWith(Prefix, StringComparison.Ordinal)
            || !Convert.TryFromBase64String(options.Secret[Prefix.Length..], new byte[options.Secret.Length], out var length)
            || length == 0)
        {
            problems.Add("Platform:Secret must be a Standard Webhooks secret: whsec_ followed by base64.");
        }

        if (options.CallDurationMs < 0 || options.SlowAnswerMs < 0 || options.HangingAnswerMs < 0)
        {
            problems.Add("Platform:CallDurationMs, SlowAnswerMs and HangingAnswerMs cannot be negative.");
        }

        foreach (var (outcome, weight) in options.Weights)
        {
            if (!Outcome.TryFind(outcome, out _) || weight < 0)
            {
                problems.Add($"Platform:Outcomes:{outcome} is not a known outcome with a weight of 0 or more.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
