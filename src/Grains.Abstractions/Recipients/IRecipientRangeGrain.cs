namespace BatchCalling.Recipients;

/// <summary>
/// The numbers of one organization that hash into one range (key <c>{organizationId}/{range}</c>, see <c>RecipientKey</c>):
/// their do-not-call entries, recipient-cap counters and on-the-line holds, so a dial costs one call to one small grain.
/// Counters and holds keep a hash of the number, never the number.
/// </summary>
[Alias("batch.IRecipientRangeGrain")]
public interface IRecipientRangeGrain : IGrainWithStringKey
{
    /// <summary>
    /// Lets a call go ahead, or says why not: on the do-not-call list, over the cap, or on the line elsewhere. An admitted call
    /// is counted and holds its number until released or <see cref="RecipientDial.HoldUntil"/>. Asking again for the same call
    /// id admits it again without counting it twice.
    /// </summary>
    [Alias("Admit")]
    Task<RecipientAdmission> AdmitAsync(RecipientDial dial);

    /// <summary>
    /// The call ended (or was never placed, <paramref name="placed"/> false: then it counts for nothing). Frees its number's
    /// line; a call id that holds nothing changes nothing.
    /// </summary>
    [Alias("Release")]
    Task ReleaseAsync(string phone, string callId, bool placed);

    /// <summary>Adds E.164 numbers (all of this range) to the do-not-call list.</summary>
    [Alias("AddDoNotCall")]
    Task<RangeChange> AddDoNotCallAsync(IReadOnlyList<string> numbers);

    /// <summary>Removes a number (of this range) from the do-not-call list.</summary>
    [Alias("RemoveDoNotCall")]
    Task<RangeChange> RemoveDoNotCallAsync(string number);

    /// <summary>The range's do-not-call numbers in ascending order, <paramref name="skip"/> then at most <paramref name="take"/>.</summary>
    [Alias("GetDoNotCall")]
    Task<IReadOnlyList<string>> GetDoNotCallAsync(int skip, int take);
}
