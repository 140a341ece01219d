namespace BatchCalling.Contacts;

/// <summary>What a job asks a contact to dial: attempt number and everything the dialer needs.</summary>
[GenerateSerializer, Immutable, Alias("batch.dial-request")]
public sealed record DialRequest(
    [property: Id(0)] string OrganizationId,
    [property: Id(1)] int Attempt,
    [property: Id(2)] string FromNumber,
    [property: Id(3)] string AgentId,
    [property: Id(4)] ContactInput Contact);
