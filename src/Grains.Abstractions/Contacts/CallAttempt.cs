namespace BatchCalling.Contacts;

/// <summary>One call placed for a contact; <see cref="Outcome"/> is null while the call is in progress.</summary>
[GenerateSerializer, Alias("batch.call-attempt")]
public sealed class CallAttempt
{
    [Id(0)] public string CallId { get; set; } = "";
    [Id(1)] public int Attempt { get; set; }
    [Id(2)] public DateTimeOffset StartedAt { get; set; }
    [Id(3)] public DateTimeOffset? EndedAt { get; set; }
    [Id(4)] public CallOutcome? Outcome { get; set; }
    [Id(5)] public double? DurationSeconds { get; set; }

    /// <summary>The provider's code for how the call ended (a SIP status such as <c>486</c>, or the platform's own).</summary>
    [Id(6)] public string? ErrorCode { get; set; }

    /// <summary>The platform's session or room of the call.</summary>
    [Id(7)] public string? RoomName { get; set; }

    /// <summary>What the platform's final event said about the call.</summary>
    [Id(8)] public CallResults? Results { get; set; }

    /// <summary>The platform's own id of the call, when it gave one: how a platform without idempotency keys (Twilio) finds it again.</summary>
    [Id(9)] public string? ProviderCallId { get; set; }
}
