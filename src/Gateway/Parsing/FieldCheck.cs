namespace BatchCalling.Gateway.Parsing;

/// <summary>Settings that passed every rule, or the first failing rule's code and detail (plus per-field messages).</summary>
public sealed record FieldCheck(
    JobSettings? Settings,
    string? Error = null,
    string? Detail = null,
    IReadOnlyDictionary<string, string[]>? Errors = null);
