using BatchCalling.Contacts;

namespace BatchCalling.Jobs;

/// <summary>Which page of a job's contacts to show, optionally of one status.</summary>
[GenerateSerializer, Immutable, Alias("batch.contact-query")]
public sealed record ContactQuery(
    [property: Id(0)] ContactStatus? Status,
    [property: Id(1)] int Page,
    [property: Id(2)] int PageSize);
