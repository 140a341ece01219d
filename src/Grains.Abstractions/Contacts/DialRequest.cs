using BatchCalling.Organizations;

namespace BatchCalling.Contacts;

/// <summary>
/// What a job asks a contact to dial: attempt number and everything the dialer needs. <see cref="FirstDial"/> says
/// the job never asked this contact before, so the contact has no record to read (one found anyway fails the write,
/// and the job asks again as for any dial of unknown fate). <see cref="PhoneNumberId"/> picks the dialer; a <see cref="Paced"/> dial waits for its start time from the throttle. <see cref="OutcomeOnly"/> asks only how the attempt ended, for a
/// job that dials no more: an attempt the dialer never got is then recorded as not placed, and never placed.
/// <see cref="RecipientCap"/> is the organization's cap as the job last read it (null: none).
/// </summary>
[GenerateSerializer, Immutable, Alias("batch.dial-request")]
public sealed record DialRequest(
    [property: Id(0)] string OrganizationId,
    [property: Id(1)] int Attempt,
    [property: Id(2)] string FromNumber,
    [property: Id(3)] string AgentId,
    [property: Id(4)] ContactInput Contact,
    [property: Id(5)] bool FirstDial,
    [property: Id(6)] bool OutcomeOnly = false,
    [property: Id(7)] string PhoneNumberId = "",
    [property: Id(8)] string? MetadataJson = null,
    [property: Id(9)] bool Paced = false,
    [property: Id(10)] double? NumberCallsPerSecond = null,
    [property: Id(11)] int MaxCallDurationSeconds = 0,
    [property: Id(12)] RecipientCap? RecipientCap = null);
