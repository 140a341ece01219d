namespace BatchCalling.Contacts;

/// <summary>The contacts of one stored chunk of a job, in upload order, that match the export's filter; more chunks may follow.</summary>
[GenerateSerializer, Immutable, Alias("batch.contact-export-page")]
public sealed record ContactExportPage(
    [property: Id(0)] IReadOnlyList<ContactExportRow> Rows,
    [property: Id(1)] bool HasMore);
