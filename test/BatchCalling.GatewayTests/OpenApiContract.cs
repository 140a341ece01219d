using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;

namespace BatchCalling.GatewayTests;

/// <summary>
/// The committed OpenAPI document (<c>docs/openapi.json</c>) as a judge: every JSON response a test receives must be
/// documented for its operation and status, and its body must match that response's schema. Answers to routes the
/// document does not know (an unknown path, a wrong method) must still be its problem document.
/// </summary>
public sealed partial class OpenApiContract
{
    public static readonly string CommittedPath = Path.Combine(AppContext.BaseDirectory, "Contract", "openapi.json");

    private static readonly Uri DocumentUri = new("https://contract.local/openapi.json");

    /// <summary>The document itself and its reference page, which are not operations of the API.</summary>
    private static readonly string[] UndocumentedPrefixes = ["/openapi/", "/docs"];

    private readonly JsonDocument _document;
    private readonly SchemaRegistry _registry = new();
    private readonly List<(Regex Pattern, string Template, int Parameters)> _paths;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();

    private OpenApiContract(string json)
    {
        _document = JsonDocument.Parse(json);
        _registry.Register(DocumentUri, new JsonElementBaseDocument(_document.RootElement, DocumentUri));
        _paths = [.. _document.RootElement.GetProperty("paths").EnumerateObject()
            .Select(p => (new Regex("^" + ParameterPattern().Replace(Regex.Escape(p.Name).Replace("\\{", "{", StringComparison.Ordinal), "[^/]+") + "/?$"),
                p.Name, ParameterPattern().Count(p.Name)))
            .OrderBy(p => p.Item3)];
    }

    public static OpenApiContract Committed { get; } = new(File.ReadAllText(CommittedPath));

    /// <summary>Null when the response keeps the contract, else what is wrong with it.</summary>
    public string? Check(string method, string path, int status, string? mediaType, string body)
    {
        if (mediaType is not ("application/json" or "application/problem+json") || body.Length == 0
            || UndocumentedPrefixes.Any(prefix => path.StartsWith(prefix, StringComparison.Ordinal)))
        {
            return null;
        }

        var pointer = ResponsePointer(method.ToLowerInvariant(), path, status, mediaType, out var problem);
        if (problem is not null)
        {
            return problem;
        }

        using var instance = JsonDocument.Parse(body);
        var schema = _schemas.GetOrAdd(pointer!, p => JsonSchema.FromText($$"""{"$ref":"{{DocumentUri}}#{{p}}"}""", new BuildOptions { SchemaRegistry = _registry }));
        var result = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? null
            : $"{method} {path} → {status} does not match {pointer}: " + string.Join("; ", (result.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")))
              + $"\nbody: {body}";
    }

    /// <summary>The JSON pointer of the schema this answer must match.</summary>
    private string? ResponsePointer(string method, string path, int status, string mediaType, out string? problem)
    {
        problem = null;
        var template = _paths.FirstOrDefault(p => p.Pattern.IsMatch(path)).Template;
        var operation = template is null ? default(JsonElement?) : _document.RootElement.GetProperty("paths").GetProperty(template).TryGetProperty(method, out var op) ? op : null;
        if (operation is not { } documented)
        {
            // Not an operation of the document (unknown route, wrong method): the framework's answer must be our problem document.
            if (mediaType == "application/problem+json")
            {
                return "/components/schemas/ProblemDetails";
            }

            problem = $"{method} {path} → {status} is not a documented operation, yet it answered {mediaType}";
            return null;
        }

        var statusText = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!documented.GetProperty("responses").TryGetProperty(statusText, out var response))
        {
            problem = $"{method} {template} answered {status}, which the document does not list";
            return null;
        }

        if (!response.TryGetProperty("content", out var content) || !content.TryGetProperty(mediaType, out _))
        {
            problem = $"{method} {template} → {status} answered {mediaType}, which the document does not list for it";
            return null;
        }

        return $"/paths/{Escape(template!)}/{method}/responses/{statusText}/content/{Escape(mediaType)}/schema";
    }

    /// <summary>A JSON pointer segment, percent-encoded for a URI fragment (<c>{id}</c> has braces).</summary>
    private static string Escape(string segment) =>
        Uri.EscapeDataString(segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));

    [GeneratedRegex(@"\{[^}/]+\}")]
    private static partial Regex ParameterPattern();
}

/// <summary>Checks every response that passes through it against <see cref="OpenApiContract.Committed"/>; a violation fails the request.</summary>
public sealed class ContractCheckingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            // A stream that does not end: its events are read, and checked, by the test.
            return response;
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var replaced = new ByteArrayContent(bytes);
        foreach (var header in response.Content.Headers)
        {
            replaced.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = replaced;
        var violation = OpenApiContract.Committed.Check(request.Method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode,
            response.Content.Headers.ContentType?.MediaType, System.Text.Encoding.UTF8.GetString(bytes));
        return violation is null ? response : throw new ContractViolationException(violation);
    }
}

public sealed class ContractViolationException(string message) : Exception(message);
