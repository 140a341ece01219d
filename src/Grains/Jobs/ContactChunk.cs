using BatchCalling.Contacts;

namespace BatchCalling.Jobs;

/// <summary>Up to <see cref="ContactBoard.ChunkSize"/> uploaded contacts, written once when the job is created.</summary>
[GenerateSerializer, Alias("batch.contact-chunk")]
public sealed class ContactChunk
{
    [Id(0)] public List<ContactInput> Contacts { get; set; } = [];
}
