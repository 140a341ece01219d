using BatchCalling.SimulatedPlatform.Calls;
using BatchCalling.SimulatedPlatform.Twilio;
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

        problems.AddRange(TwilioProblems(options.Twilio));
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static IEnumerable<string> TwilioProblems(TwilioPlatformOptions twilio)
    {
        if (twilio.AccountSid is { Length: > 0 } sid && !TwilioAccount.IsSid(sid))
        {
            yield return "Platform:Twilio:AccountSid must be AC followed by 32 hexadecimal digits.";
        }

        if (string.IsNullOrEmpty(twilio.AccountSid) != string.IsNullOrEmpty(twilio.AuthToken))
        {
            yield return "Platform:Twilio:AccountSid and Platform:Twilio:AuthToken go together.";
        }

        foreach (var (number, script) in twilio.Scripts)
        {
            if (!BehaviourNames.TryParse(script.BehaviourNames, out _, out var unknown))
            {
                yield return $"Platform:Twilio:Scripts:{number}:Behaviour '{unknown}' is not a known misbehaviour.";
            }

            if (script.DurationMs < 0)
            {
                yield return $"Platform:Twilio:Scripts:{number}:DurationMs cannot be negative.";
            }
        }
    }
}
