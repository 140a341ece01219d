using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BatchCalling.Gateway.Errors;
using BatchCalling.Gateway.Parsing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BatchCalling.Gateway.Jobs;

/// <summary>
/// Reads a create request in either mode (multipart with a CSV <c>file</c>, or JSON with <c>contacts</c>) into its raw
/// fields and its parsed contacts. Only the shape is judged here; the rules live in <see cref="CreateJobRules"/>.
/// <see cref="FingerprintAsync"/> tells a repeat of the same request from another one under the same idempotency key: the
/// JSON body's bytes, or the form's fields and file bytes (a retried multipart body has another boundary). It is only
/// computed for a create that carries a key.
/// </summary>
public sealed record CreateJobRequest(CreateJobFields Fields, Func<ContactUpload> ReadContacts, Func<Task<string>> FingerprintAsync)
{
    private static readonly string[] JsonTextFields = ["fromPhoneNumberId", "name", "description", "scheduledStartTime", "timezone", "endAt"];

    public static async Task<(CreateJobRequest? Request, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            return await ReadFormAsync(request);
        }

        if (request.HasJsonContentType())
        {
            return await ReadJsonAsync(request);
        }

        return (null, ApiProblem.Of(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
            "Send multipart/form-data with a CSV 'file', or application/json with 'contacts'."));
    }

    private static async Task<(CreateJobRequest?, ProblemHttpResult?)> ReadFormAsync(HttpRequest request)
    {
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException and not BadHttpRequestException)
        {
            // A body that ends early or lacks its declared boundary: the client's request is broken, not the server.
            // (A body over the limit is a BadHttpRequestException, an IOException too: it stays 413.)
            return (null, ApiProblem.BadRequest(UploadErrors.InvalidCsv, "The multipart body could not be read."));
        }

        if (form.Files.GetFile("file") is not { } file)
        {
            return (null, ApiProblem.BadRequest(UploadErrors.InvalidCsv, "A CSV file is required in the form field 'file'."));
        }

        var fields = CreateJobFields.From(name => form.TryGetValue(name, out var value) ? value.ToString() : null, new HashSet<string>());
        return (new CreateJobRequest(fields, () =>
        {
            using var stream = file.OpenReadStream();
            return ContactCsvReader.Read(stream);
        }, () => FormFingerprintAsync(form, file)), null);
    }

    private static async Task<string> FormFingerprintAsync(IFormCollection form, IFormFile file)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, value) in form.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{name}\0{value}\n"));
        }

        await using var stream = file.OpenReadStream();
        hash.AppendData(await SHA256.HashDataAsync(stream));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static async Task<(CreateJobRequest?, ProblemHttpResult?)> ReadJsonAsync(HttpRequest request)
    {
        // Kept in memory: the document is parsed from it, and a keyed create fingerprints the very bytes.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return (null, ApiProblem.BadRequest("validation_error", "The body is not valid JSON."));
        }

        request.HttpContext.Response.RegisterForDispose(document);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, ApiProblem.BadRequest("validation_error", "The body must be a JSON object."));
        }

        if (!HasOnlyValidStrings(root))
        {
            return (null, ApiProblem.BadRequest("validation_error", "The body holds a string that is not valid Unicode (a lone surrogate escape such as \\ud800)."));
        }

        if (!root.TryGetProperty("contacts", out var contacts) || contacts.ValueKind != JsonValueKind.Array)
        {
            return (null, ApiProblem.Validation("contacts", "Is required and must be an array of contact objects."));
        }

        var wrongTypes = new HashSet<string>();
        string? Field(string name)
        {
            if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            var isText = JsonTextFields.Contains(name);
            var isObject = CreateJobFields.ObjectFields.Contains(name);
            if (isObject != (value.ValueKind == JsonValueKind.Object) || value.ValueKind == JsonValueKind.Array
                || (isText && value.ValueKind != JsonValueKind.String))
            {
                wrongTypes.Add(name);
                return null;
            }

            return value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
        }

        var fields = CreateJobFields.From(Field, wrongTypes);
        return (new CreateJobRequest(fields, () => ContactJsonReader.Read(contacts),
            () => Task.FromResult(Convert.ToHexStringLower(SHA256.HashData(body.Span)))), null);
    }

    /// <summary>JSON allows escapes of lone surrogates (<c>"\ud800"</c>), which no .NET string can hold; find them once, up front.</summary>
    private static bool HasOnlyValidStrings(JsonElement element)
    {
        try
        {
            return Walk(element);
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        static bool Walk(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.String => e.GetString() is not null,
            JsonValueKind.Object => e.EnumerateObject().All(p => p.Name is not null && Walk(p.Value)),
            JsonValueKind.Array => e.EnumerateArray().All(Walk),
            _ => true,
        };
    }
}
