using BatchCalling.Recipients;
using Microsoft.Extensions.Logging;

namespace BatchCalling.Contacts;

/// <summary>
/// The organization's rules about the person, asked of the number's range grain: the do-not-call list and the recipient cap
/// before a call is stored, the line freed when it ends, and an opt-out heard on a call put on the list.
/// </summary>
internal sealed partial class ContactGrain
{
    /// <summary>Null when the call may be placed; else the answer the job gets instead: blocked for good, or wait.</summary>
    private async Task<DialResult?> AdmitAsync(string callId, DialRequest request)
    {
        var now = time.GetUtcNow();
        var dial = new RecipientDial(request.Contact.Phone, callId, now + CallLimit + options.Value.EndGrace, request.RecipientCap);
        return await Range(request.OrganizationId, request.Contact.Phone).AdmitAsync(dial) switch
        {
            { Blocked: { } reason } => new DialResult(callId, now, null, Blocked: reason),
            { WaitUntil: { } until } => new DialResult(callId, now, null, until, WaitReason: WaitReason.RecipientCap),
            _ => null,
        };
    }

    /// <summary>The write-ahead of an admitted call; should it fail, the call never happens and its number is freed.</summary>
    private async Task WriteAdmittedAsync(DialRequest request, string callId)
    {
        try
        {
            await WriteAsync();
        }
        catch
        {
            await ReleaseAsync(request.OrganizationId, request.Contact.Phone, callId, placed: false);
            throw;
        }
    }

    /// <summary>
    /// Frees the number's line (a call never placed counts for nothing). Should its range be unreachable, the hold lapses by
    /// itself at the call's longest life: the call's own record must not fail for it.
    /// </summary>
    private async Task ReleaseAsync(string organizationId, string phone, string callId, bool placed)
    {
        try
        {
            await Range(organizationId, phone).ReleaseAsync(phone, callId, placed);
        }
        catch (Exception ex)
        {
            LogReleaseFailed(ex, callId);
        }
    }

    /// <summary>The person asked not to be called: on the list before the event is acknowledged, so a platform retries it until it is.</summary>
    private Task<int> OptOutAsync() => GrainFactory.GetGrain<IDoNotCallListGrain>(State.OrganizationId).AddAsync([State.To]);

    private IRecipientRangeGrain Range(string organizationId, string phone) =>
        GrainFactory.GetGrain<IRecipientRangeGrain>(RecipientKey.For(organizationId, phone));

    [LoggerMessage(Level = LogLevel.Warning, Message = "The line of call {CallId} could not be freed; its hold lapses by itself")]
    private partial void LogReleaseFailed(Exception ex, string callId);
}
