using Microsoft.AspNetCore.Http.Features;

namespace BatchCalling.SimulatedPlatform.Signing;

/// <summary>A request's raw body, read once by <see cref="SignedRequests"/> to verify it, for the handler to parse.</summary>
public sealed record SignedBody(string Text)
{
    public static string Of(HttpContext context) => context.Features.GetRequiredFeature<SignedBody>().Text;
}
