using System.Text.Json.Serialization.Metadata;
using BatchCalling.Gateway.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace BatchCalling.Gateway.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document at <c>/openapi/v1.json</c> and its interactive reference at <c>/docs</c>. Response schemas
/// list every property as required and forbid others, so a response that drifts from the document fails validation.
/// </summary>
public static class BatchOpenApi
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddBatchOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Batch calling API",
                    Version = "v1",
                    Description = "Upload contacts, schedule a campaign, and let the cluster dial every contact with retries under a per-job and an organization-wide concurrency ceiling. Errors are RFC 9457 problem documents with a machine `code`.",
                    Contact = new OpenApiContact { Name = "Orleans batch calling", Url = new Uri("https://github.com/") },
                    License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" },
                };
                document.Servers = [new OpenApiServer { Url = "/", Description = "This gateway" }];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    [AuthPolicies.ApiKey] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "An organization's API key: `Authorization: Bearer <api key>`.",
                    },
                    [AuthPolicies.Admin] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "The admin token (configuration `Admin:Token`).",
                    },
                };
                return Task.CompletedTask;
            });
            o.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonPropertyInfo is null && context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object)
                {
                    Close(schema, context.JsonTypeInfo);
                }
                else if (context.JsonTypeInfo.Type == typeof(DateTimeOffset) || context.JsonTypeInfo.Type == typeof(DateTimeOffset?))
                {
                    // Our converter writes UTC with a Z; the generator cannot see through a custom converter to the string it writes.
                    schema.Type = context.JsonTypeInfo.Type == typeof(DateTimeOffset) ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
                }

                return Task.CompletedTask;
            });
            o.AddOperationTransformer(async (operation, context, cancellationToken) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                DescribeProblems(operation, metadata.OfType<ProblemCodes>());
                if (metadata.OfType<IAuthorizeData>().FirstOrDefault()?.Policy is { } policy)
                {
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(policy, context.Document)] = [] }];
                }

                if (metadata.OfType<RequestBodies>().FirstOrDefault() is { } bodies)
                {
                    var content = new Dictionary<string, OpenApiMediaType>();
                    foreach (var (contentType, type) in bodies.Bodies)
                    {
                        content[contentType] = new OpenApiMediaType { Schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken) };
                    }

                    operation.RequestBody = new OpenApiRequestBody { Required = true, Content = content };
                }
            });
        });

    public static IEndpointRouteBuilder MapBatchOpenApi(this IEndpointRouteBuilder routes)
    {
        // One document, at a fixed path: any other name is an unknown route, answered with our problem document.
        routes.MapOpenApi($"/openapi/{DocumentName}.json");
        routes.MapScalarApiReference("/docs", o => o.WithTitle("Batch calling API").DisableDefaultFonts().DisableTelemetry());
        return routes;
    }

    /// <summary>
    /// Responses always carry every property (nulls included), so all are required and no other may appear. Request bodies
    /// (types named <c>…Request</c>, <c>…Body</c> or <c>…Form</c>) require only what may not be null.
    /// </summary>
    private static void Close(OpenApiSchema schema, JsonTypeInfo type)
    {
        var name = type.Type.Name;
        if (name.EndsWith("Request", StringComparison.Ordinal) || name.EndsWith("Body", StringComparison.Ordinal) || name.EndsWith("Form", StringComparison.Ordinal))
        {
            schema.Required = new HashSet<string>(type.Properties.Where(p => !p.IsGetNullable && !p.IsExtensionData).Select(p => p.Name));
            return;
        }

        if (type.Type == typeof(ProblemDetails) || type.Type == typeof(HttpValidationProblemDetails))
        {
            ProblemSchema(schema);
            return;
        }

        if (schema.Properties is not { Count: > 0 })
        {
            return;
        }

        schema.Required = new HashSet<string>(type.Properties.Where(p => !p.IsExtensionData && schema.Properties.ContainsKey(p.Name)).Select(p => p.Name));
        schema.AdditionalPropertiesAllowed = false;
    }

    /// <summary>Our problem documents: RFC 9457's members, the seed's <c>detail</c>, a machine <c>code</c>, and for validation the fields and rows at fault.</summary>
    private static void ProblemSchema(OpenApiSchema schema)
    {
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The machine code of the problem (see each response's description)." };
        schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String };
        schema.Properties["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "For validation_error: each field at fault, with what is wrong.",
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
        };
        schema.Properties["rows"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Description = "For no_valid_contacts and invalid_phone_format: the first rows skipped (as skippedContacts in a create).",
            Items = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { "row", "phone", "reason" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["row"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                    ["phone"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                    ["reason"] = new OpenApiSchema { Type = JsonSchemaType.String },
                },
                AdditionalPropertiesAllowed = false,
            },
        };
        schema.Properties["skippedCount"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" };
        schema.Required = new HashSet<string> { "type", "title", "status", "detail", "code" };
        schema.AdditionalPropertiesAllowed = false;
    }

    private static void DescribeProblems(OpenApiOperation operation, IEnumerable<ProblemCodes> problems)
    {
        foreach (var status in problems.GroupBy(p => p.Status))
        {
            if (operation.Responses?.TryGetValue(status.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response) == true
                && response is OpenApiResponse documented)
            {
                documented.Description = "A problem document; `code` is one of: " +
                    string.Join(", ", status.SelectMany(p => p.Codes).Distinct().Select(c => $"`{c}`")) + ".";
            }
        }
    }
}
