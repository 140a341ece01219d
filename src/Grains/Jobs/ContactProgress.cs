using BatchCalling.Contacts;

namespace BatchCalling.Jobs;

/// <summary>
/// The small, often-changing part of a contact that its job keeps: status, attempts, timing, the last call's length, and
/// how long its calls that connected lasted in all (what it cost, kept with the outcome that caused it).
/// </summary>
[GenerateSerializer, Alias("batch.contact-progress")]
public record struct ContactProgress
{
    [Id(0)] public ContactStatus Status { get; init; }
    [Id(1)] public int Attempts { get; init; }
    [Id(2)] public CallOutcome? LastOutcome { get; init; }
    [Id(3)] public DateTimeOffset? LastAttemptAt { get; init; }
    [Id(4)] public DateTimeOffset? NextAttemptAt { get; init; }
    [Id(5)] public DateTimeOffset? CompletedAt { get; init; }
    [Id(6)] public double? LastCallSeconds { get; init; }
    [Id(7)] public int ConnectedMilliseconds { get; init; }

    /// <summary>Why the contact waits beyond its retry delay (its <see cref="NextAttemptAt"/> is then that wait's end).</summary>
    [Id(8)] public WaitReason? WaitReason { get; init; }

    /// <summary>Why the contact ended, when neither its calls nor its job's cancel decided it.</summary>
    [Id(9)] public EndReason? EndReason { get; init; }

    public readonly bool IsFinal => Status switch
    {
        ContactStatus.Pending or ContactStatus.Queued or ContactStatus.Dialing => false,
        ContactStatus.NoAnswer or ContactStatus.Busy or ContactStatus.Timeout or ContactStatus.Voicemail => NextAttemptAt is null,
        _ => true,
    };

    public readonly bool IsInFlight => Status is ContactStatus.Queued or ContactStatus.Dialing;
}
