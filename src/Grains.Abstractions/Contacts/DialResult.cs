namespace BatchCalling.Contacts;

/// <summary>
/// The contact's answer to a dial: the call is in progress, or (when the attempt was already placed
/// and has ended, e.g. after a crash) its recorded outcome, or (<see cref="DeferredUntil"/>) that the platform did not
/// place it and asks to be tried again then: no attempt was made. <see cref="FateUnknown"/>: the platform gave no answer,
/// so the call may be out there; the job asks again, and the contact asks the platform before it ever dials again.
/// <see cref="WaitReason"/> says why a deferral is ours rather than the platform's (the recipient cap); <see cref="Blocked"/>, that
/// the contact may never be called (its number is on the do-not-call list): no call was placed either way.
/// </summary>
[GenerateSerializer, Immutable, Alias("batch.dial-result")]
public sealed record DialResult(
    [property: Id(0)] string CallId,
    [property: Id(1)] DateTimeOffset StartedAt,
    [property: Id(2)] AttemptReport? Ended,
    [property: Id(3)] DateTimeOffset? DeferredUntil = null,
    [property: Id(4)] bool FateUnknown = false,
    [property: Id(5)] WaitReason? WaitReason = null,
    [property: Id(6)] EndReason? Blocked = null);
