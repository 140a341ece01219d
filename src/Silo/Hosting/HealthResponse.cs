namespace BatchCalling.Hosting;

/// <summary>A health answer of a silo or a gateway: <c>live</c>, <c>ready</c> or <c>unavailable</c> with what is not answering.</summary>
public sealed record HealthResponse(string Status, string? Detail);
