using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BatchCalling.Contacts;

namespace BatchCalling.Dialing;

/// <summary>
/// Decides a simulated call's outcome (the contact's <c>simulatedOutcomes</c> field, else a hash of the call id) and its
/// length (the contact's <c>simulatedDurationMs</c> field, else the configured one).
/// </summary>
public static class SimulatedOutcomes
{
    public const string FieldName = "simulatedOutcomes";
    public const string DurationFieldName = "simulatedDurationMs";
    public const string BehaviourFieldName = "simulatedBehaviour";

    /// <summary>
    /// Whether the contact's <c>simulatedBehaviour</c> field says <c>never_ends</c>: a call its platform never ends by
    /// itself, not even at its maximum duration, as the simulated platform of <c>tools/</c> plays it.
    /// </summary>
    public static bool NeverEnds(CallRequest request) =>
        Field(request.Contact.CustomFieldsJson, BehaviourFieldName) is { ValueKind: JsonValueKind.String } field
        && field.GetString()!.Split(',', StringSplitOptions.TrimEntries).Contains("never_ends");

    /// <summary>How long the call lasts: a whole number of milliseconds (JSON number or text) in the contact, else <paramref name="configured"/>.</summary>
    public static TimeSpan Duration(CallRequest request, TimeSpan configured) =>
        Field(request.Contact.CustomFieldsJson, DurationFieldName) is { } field
        && int.TryParse(field.ValueKind == JsonValueKind.String ? field.GetString() : field.GetRawText(),
            System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms)
            ? TimeSpan.FromMilliseconds(ms)
            : configured;

    public static CallOutcome Pick(CallRequest request, IReadOnlyDictionary<CallOutcome, int> weights)
    {
        var scripted = Scripted(request.Contact.CustomFieldsJson);
        if (scripted.Count > 0)
        {
            return scripted[Math.Min(request.Attempt, scripted.Count) - 1];
        }

        var total = weights.Values.Where(w => w > 0).Sum();
        if (total <= 0)
        {
            return CallOutcome.Completed;
        }

        var hash = BinaryPrimitives.ReadUInt32LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(request.CallId)));
        var roll = (int)(hash % (uint)total);
        foreach (var (outcome, weight) in weights.Where(w => w.Value > 0).OrderBy(w => w.Key))
        {
            if (roll < weight)
            {
                return outcome;
            }

            roll -= weight;
        }

        return CallOutcome.Completed;
    }

    /// <summary>Parses "no_answer,busy,completed" (or a JSON array of such names); unknown names become <c>failed</c>.</summary>
    public static IReadOnlyList<CallOutcome> Scripted(string? customFieldsJson)
    {
        var field = Field(customFieldsJson, FieldName);
        var names = field?.ValueKind switch
        {
            JsonValueKind.String => field.Value.GetString()!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            JsonValueKind.Array => [.. field.Value.EnumerateArray().Select(e => e.ToString())],
            _ => [],
        };
        return [.. names.Select(ParseOutcome)];
    }

    /// <summary>One of the contact's custom fields, when it has it.</summary>
    private static JsonElement? Field(string? customFieldsJson, string name)
    {
        if (customFieldsJson is null)
        {
            return null;
        }

        using var doc = JsonDocument.Parse(customFieldsJson);
        return doc.RootElement.TryGetProperty(name, out var field) ? field.Clone() : null;
    }

    public static CallOutcome ParseOutcome(string name) =>
        Enum.TryParse<CallOutcome>(name.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var outcome)
            ? outcome
            : CallOutcome.Failed;
}
