namespace BatchCalling.Contacts;

/// <summary>One uploaded contact. Custom fields are kept as a JSON object text so JSON uploads keep any value as-is.</summary>
[GenerateSerializer, Immutable, Alias("batch.contact-input")]
public sealed record ContactInput(
    [property: Id(0)] string Phone,
    [property: Id(1)] string? Name,
    [property: Id(2)] string? CustomFieldsJson);
