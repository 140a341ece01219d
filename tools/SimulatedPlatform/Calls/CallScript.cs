using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BatchCalling.SimulatedPlatform.Hosting;

namespace BatchCalling.SimulatedPlatform.Calls;

/// <summary>
/// What a call will do, from its contact's custom fields (<c>simulatedOutcomes</c>, <c>simulatedDurationMs</c>,
/// <c>simulatedBehaviour</c>) and the configuration: its outcome, how long it lasts and how it misbehaves.
/// </summary>
public sealed record CallScript(Outcome Outcome, int LengthMs, Behaviour Behaviour)
{
    /// <summary>A call that never ends still has to end somewhere: a day is past any test.</summary>
    private const int NeverEndsMs = 24 * 60 * 60 * 1000;

    /// <summary>How long the call is connected: all of its length when it was answered, else nothing.</summary>
    public int ConnectedMs => Outcome.Answered ? LengthMs : 0;

    /// <summary>When the call ends, from its start.</summary>
    public int EndsInMs => Behaviour.HasFlag(Behaviour.NeverEnds) ? NeverEndsMs : LengthMs;

    public static bool TryRead(PlaceCallBody call, PlatformOptions options, [NotNullWhen(true)] out CallScript? script, [NotNullWhen(false)] out string? problem)
    {
        var fields = call.Contact?.CustomFields is { ValueKind: JsonValueKind.Object } custom ? custom : (JsonElement?)null;
        return TryMake(call, Names(fields, "simulatedOutcomes"), Milliseconds(fields), Names(fields, "simulatedBehaviour"), options, out script, out problem);
    }

    /// <summary>
    /// The script of <paramref name="call"/>'s attempt from its outcomes by attempt (the last repeats; none: the configured
    /// weights), its length (none: the configured one) and its misbehaviours, whatever carried them.
    /// </summary>
    public static bool TryMake(
        PlaceCallBody call, string[] outcomes, int? lengthMs, IEnumerable<string> behaviours, PlatformOptions options,
        [NotNullWhen(true)] out CallScript? script, [NotNullWhen(false)] out string? problem)
    {
        if (!BehaviourNames.TryParse(behaviours, out var behaviour, out var unknown))
        {
            (script, problem) = (null, $"simulatedBehaviour '{unknown}' is not a known misbehaviour.");
            return false;
        }

        var outcome = outcomes.Length > 0
            ? Outcome.Parse(outcomes[Math.Min(call.Attempt, outcomes.Length) - 1])
            : Pick(call.CallId!, options.Weights);
        var length = lengthMs ?? options.CallDurationMs;
        if (call.MaxDurationSeconds is > 0 and var max)
        {
            // The platform ends a call at its limit itself, as the dial asked.
            length = (int)Math.Min(length, max * 1000L);
        }

        (script, problem) = (new CallScript(outcome, length, behaviour), null);
        return true;
    }

    /// <summary>The weighted outcome that a hash of the call id picks, so a rerun of the same calls repeats their outcomes.</summary>
    private static Outcome Pick(string callId, IReadOnlyDictionary<string, int> weights)
    {
        // Configuration keys are case-insensitive; the dictionary bound from them is not.
        var weighted = Outcome.All
            .Select(o => (Outcome: o, Weight: weights.Where(w => string.Equals(w.Key, o.Name, StringComparison.OrdinalIgnoreCase)).Sum(w => w.Value)))
            .Where(w => w.Weight > 0)
            .ToList();
        var total = weighted.Sum(w => w.Weight);
        if (total == 0)
        {
            return Outcome.All[0];
        }

        var roll = (int)(BinaryPrimitives.ReadUInt32LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(callId))) % (uint)total);
        return weighted.First(w => (roll -= w.Weight) < 0).Outcome;
    }

    /// <summary>A field of names: <c>"a,b,c"</c> or a JSON array of them; none when absent.</summary>
    private static string[] Names(JsonElement? fields, string name) => Field(fields, name) switch
    {
        { ValueKind: JsonValueKind.String } text => text.GetString()!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        { ValueKind: JsonValueKind.Array } list => [.. list.EnumerateArray().Select(e => e.ToString().Trim())],
        _ => [],
    };

    /// <summary><c>simulatedDurationMs</c>: a whole number of milliseconds, as a JSON number or text; else none.</summary>
    private static int? Milliseconds(JsonElement? fields) =>
        Field(fields, "simulatedDurationMs") is { } field
        && int.TryParse(field.ValueKind == JsonValueKind.String ? field.GetString() : field.GetRawText(),
            NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? ms
            : null;

    private static JsonElement? Field(JsonElement? fields, string name) =>
        fields is { } custom && custom.TryGetProperty(name, out var field) ? field : null;
}
