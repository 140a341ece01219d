using BatchCalling.Contacts;

namespace BatchCalling.Dialing;

/// <summary>
/// The simulated platform's record of its calls: in memory on the embedded default, in PostgreSQL in production so
/// that calls outlive the silo that placed them.
/// </summary>
public interface ISimulatedCallLog
{
    /// <summary>Records that the call starts now and ends after its duration; false when the id was placed before.</summary>
    Task<bool> StartAsync(CallRequest request, CallOutcome outcome, TimeSpan duration);

    /// <summary>Claims the right to report the call's end; false when someone already did.</summary>
    Task<bool> ClaimEndAsync(string callId);

    /// <summary>Gives a claim back after a failed report, so a later sweep reports the call.</summary>
    Task ReleaseAsync(string callId);

    /// <summary>Claims calls that ended more than <paramref name="grace"/> ago and were never reported.</summary>
    Task<IReadOnlyList<EndedCall>> ClaimOverdueAsync(TimeSpan grace, int max);

    /// <summary>Ends a call still in progress now and claims its report (its outcome is the caller's); false when it had ended.</summary>
    Task<bool> HangUpAsync(string callId);

    /// <summary>What the platform knows of a call.</summary>
    Task<CallStatus> GetStatusAsync(string callId);
}

/// <summary>A call whose end nobody reported yet.</summary>
public sealed record EndedCall(string CallId, CallOutcome Outcome, double DurationSeconds);
