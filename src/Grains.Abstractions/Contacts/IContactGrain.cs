using Orleans.Concurrency;

namespace BatchCalling.Contacts;

/// <summary>One contact of one job (key <c>{jobId}/{index}</c>): its attempts, call ids and outcomes.</summary>
[Alias("batch.IContactGrain")]
public interface IContactGrain : IGrainWithStringKey
{
    /// <summary>
    /// Places attempt <see cref="DialRequest.Attempt"/>, persisting its call id before the dialer is asked.
    /// Asking again for an attempt already placed never dials twice.
    /// </summary>
    [Alias("Dial")]
    Task<DialResult> DialAsync(DialRequest request, CancellationToken cancellationToken = default);

    /// <summary>Records how a call ended (from the dialer) and reports it to the job. Duplicates are ignored.</summary>
    [Alias("CompleteCall")]
    Task CompleteCallAsync(string callId, CallEnd callEnd);

    /// <summary>A platform's event on one of this contact's calls: verified with the dialer's secret, then applied.</summary>
    [Alias("ReceiveEvent")]
    Task<CallEventVerdict> ReceiveEventAsync(string callId, InboundCallEvent callEvent);

    /// <summary>
    /// Every attempt made so far, oldest first. Interleaves: the job asks while listing its contacts, and this contact may be
    /// waiting on that very job to take a report; answering only after it would deadlock both.
    /// </summary>
    [Alias("GetCalls"), AlwaysInterleave]
    Task<IReadOnlyList<CallAttempt>> GetCallsAsync();
}
