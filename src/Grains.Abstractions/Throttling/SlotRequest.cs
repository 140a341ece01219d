namespace BatchCalling.Throttling;

/// <summary>
/// A job's whole standing with its organization's throttle in one message: how many slots it holds now
/// (calls still in progress), how many more it could use, and the most it can ever hold (its own call limit), which
/// the throttle stores as what the job may hold should the throttle lose its ledger. Sending it twice changes nothing, and
/// one sent before the last the throttle heard from the job (<see cref="SentAt"/>: delivered late, re-routed after a silo
/// died) changes nothing either. A job whose caller number is paced names it, with its rate: the throttle grants no more
/// slots than calls may start within about a second.
/// </summary>
[GenerateSerializer, Immutable, Alias("batch.slot-request")]
public sealed record SlotRequest(
    [property: Id(0)] string JobId,
    [property: Id(1)] int Holding,
    [property: Id(2)] int Wanted,
    [property: Id(3)] int Cap,
    [property: Id(4)] DateTimeOffset SentAt = default,
    [property: Id(5)] string? PhoneNumberId = null,
    [property: Id(6)] double? NumberCallsPerSecond = null);
