namespace BatchCalling.Contacts;

/// <summary>A page of a job's contacts in upload order.</summary>
[GenerateSerializer, Immutable, Alias("batch.contact-page")]
public sealed record ContactPage(
    [property: Id(0)] int Total,
    [property: Id(1)] IReadOnlyList<ContactView> Contacts)
{
    public static readonly ContactPage Empty = new(0, []);
}
