namespace BatchCalling.Dialing;

/// <summary>
/// What the platform answered when asked to place a call; a placed call may come with the platform's own id of it
/// (<see cref="ProviderCallId"/>), which a platform without idempotency keys needs to find the call again.
/// </summary>
public sealed record PlaceResult(
    PlaceResult.Kinds Kind, string? RoomName = null, TimeSpan RetryAfter = default, string? ErrorCode = null, string? ProviderCallId = null)
{
    public enum Kinds
    {
        /// <summary>The call is placed; its end comes as an event.</summary>
        Placed,

        /// <summary>Refused for now (busy platform, rate limit): nothing was placed, try again after <see cref="RetryAfter"/>.</summary>
        NotPlaced,

        /// <summary>Refused for good: the attempt ends <c>failed</c> with <see cref="ErrorCode"/>.</summary>
        Rejected,

        /// <summary>No answer or a server error: the call may or may not be out there, and only the platform can tell.</summary>
        Unknown,
    }

    public static PlaceResult Placed(string? roomName, string? providerCallId = null) => new(Kinds.Placed, roomName, ProviderCallId: providerCallId);

    public static PlaceResult NotPlaced(TimeSpan retryAfter) => new(Kinds.NotPlaced, RetryAfter: retryAfter);

    public static PlaceResult Rejected(string errorCode) => new(Kinds.Rejected, ErrorCode: errorCode);

    public static readonly PlaceResult Unknown = new(Kinds.Unknown);
}
