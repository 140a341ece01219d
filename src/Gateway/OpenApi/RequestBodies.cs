namespace BatchCalling.Gateway.OpenApi;

/// <summary>Endpoint metadata for a handler that reads its own body: each content type it takes and the type that documents it.</summary>
public sealed record RequestBodies(IReadOnlyList<(string ContentType, Type Schema)> Bodies);
