namespace BatchCalling.Throttling;

/// <summary>
/// A job's whole standing with its organization's throttle in one message: how many slots it holds now
/// (calls still in progress) and how many more it could use. Sending it twice changes nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("batch.slot-request")]
public sealed record SlotRequest(
    [property: Id(0)] string JobId,
    [property: Id(1)] int Holding,
    [property: Id(2)] int Wanted);
