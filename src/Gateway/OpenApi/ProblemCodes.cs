namespace BatchCalling.Gateway.OpenApi;

/// <summary>Endpoint metadata: the problem codes an endpoint may answer with one status, for its OpenAPI description.</summary>
public sealed record ProblemCodes(int Status, IReadOnlyList<string> Codes);

public static class ProblemCodesExtensions
{
    /// <summary>Declares a problem document of <paramref name="status"/> with these codes.</summary>
    public static TBuilder Problem<TBuilder>(this TBuilder builder, int status, params string[] codes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProblemCodes(status, codes)).WithMetadata(new ProducesResponseTypeMetadata(status, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
}
