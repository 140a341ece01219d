using BatchCalling.Contacts;

namespace BatchCalling.Jobs;

/// <summary>The outcome of cancelling one contact: an error code, or the contact as it stands after it.</summary>
[GenerateSerializer, Immutable, Alias("batch.cancel-contact-result")]
public sealed record CancelContactResult(
    [property: Id(0)] string? Error,
    [property: Id(1)] ContactView? Contact);
