using BatchCalling.Contacts;

namespace BatchCalling.Recipients;

/// <summary>
/// A range's answer to a dial: go ahead (both null), never (<see cref="Blocked"/>: the number is on the do-not-call list), or
/// not before <see cref="WaitUntil"/> (the recipient cap is reached, or the number is on the line in another call).
/// </summary>
[GenerateSerializer, Immutable, Alias("batch.recipient-admission")]
public sealed record RecipientAdmission(
    [property: Id(0)] EndReason? Blocked = null,
    [property: Id(1)] DateTimeOffset? WaitUntil = null)
{
    public static readonly RecipientAdmission Admitted = new();

    public bool IsAdmitted => Blocked is null && WaitUntil is null;
}
