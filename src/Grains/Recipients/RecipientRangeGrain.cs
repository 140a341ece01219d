using BatchCalling.Contacts;
using Microsoft.Extensions.DependencyInjection;

namespace BatchCalling.Recipients;

/// <summary>
/// One range of an organization's numbers (see <see cref="IRecipientRangeGrain"/>): do-not-call entries and the cap's
/// counters and holds stay in memory while it is active, so a dial is one call and, when admitted, one small write.
/// The rules are <see cref="RecipientLedger"/>'s.
/// </summary>
internal sealed class RecipientRangeGrain(
    [PersistentState("do-not-call", BatchStorage.Name)] IPersistentState<DoNotCallState> doNotCall,
    [PersistentState("recipient-calls", BatchStorage.Name)] IPersistentState<RecipientCallsState> calls,
    [FromKeyedServices(BatchClock.Key)] TimeProvider time) : Grain, IRecipientRangeGrain
{
    /// <summary>How soon a number on the line elsewhere is asked about again: calls end unannounced to us.</summary>
    private static readonly TimeSpan BusyRecheck = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    /// <summary>A hold whose call never reached its contact's record in this long was never placed (a dial takes seconds).</summary>
    private static readonly TimeSpan UnplacedHoldLapse = TimeSpan.FromMinutes(1);

    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>
    /// Releases not yet written. They ride with the next write (or the deactivation's): a silo lost before then brings back
    /// holds that lapse by themselves and counts of calls never placed, erring towards calling less, never more.
    /// </summary>
    private bool _releasesUnwritten;

    private string OrganizationId => this.GetPrimaryKeyString()[..this.GetPrimaryKeyString().LastIndexOf('/')];

    private HashSet<ulong> Numbers => doNotCall.State.Numbers;

    private RecipientLedger Ledger => new(calls.State);

    async Task<RecipientAdmission> IRecipientRangeGrain.AdmitAsync(RecipientDial dial)
    {
        if (RecipientKey.TryDigits(dial.Phone, out var digits) && Numbers.Contains(digits))
        {
            return new RecipientAdmission(Blocked: EndReason.DoNotCall);
        }

        var now = time.GetUtcNow();
        if (now >= _nextSweep)
        {
            Ledger.Sweep(now);
            _nextSweep = now + SweepEvery;
        }

        var number = RecipientKey.Hash(OrganizationId, dial.Phone);
        if (Ledger.HeldByAnother(number, dial.CallId, now) is { } hold && !await OnTheLineAsync(hold, now))
        {
            // Its call ended, but the release was lost with a silo (releases are written late): the number is free.
            _releasesUnwritten |= Ledger.Release(number, hold.CallId, placed: true);
        }

        if (Ledger.WaitUntil(number, dial.CallId, now, dial.Cap, BusyRecheck) is { } until)
        {
            return new RecipientAdmission(WaitUntil: until);
        }

        if (!Ledger.Holds(number, dial.CallId))
        {
            await StoredChange.ApplyAsync(() => Ledger.Take(number, dial.CallId, now, dial.HoldUntil, dial.Cap),
                () => Ledger.Release(number, dial.CallId, placed: false), () => WriteAsync(calls));
            _releasesUnwritten = false;
        }

        return RecipientAdmission.Admitted;
    }

    Task IRecipientRangeGrain.ReleaseAsync(string phone, string callId, bool placed)
    {
        _releasesUnwritten |= Ledger.Release(RecipientKey.Hash(OrganizationId, phone), callId, placed);
        return Task.CompletedTask;
    }

    async Task<RangeChange> IRecipientRangeGrain.AddDoNotCallAsync(IReadOnlyList<string> numbers)
    {
        var added = numbers.Select(n => RecipientKey.TryDigits(n, out var digits) ? digits : 0).Where(d => d > 0 && !Numbers.Contains(d)).Distinct().ToList();
        if (added.Count > 0)
        {
            await StoredChange.ApplyAsync(() => Numbers.UnionWith(added), () => Numbers.ExceptWith(added), () => WriteAsync(doNotCall));
        }

        return new RangeChange(added.Count, Numbers.Count);
    }

    async Task<RangeChange> IRecipientRangeGrain.RemoveDoNotCallAsync(string number)
    {
        if (!RecipientKey.TryDigits(number, out var digits) || !Numbers.Contains(digits))
        {
            return new RangeChange(0, Numbers.Count);
        }

        await StoredChange.ApplyAsync(() => Numbers.Remove(digits), () => Numbers.Add(digits), () => WriteAsync(doNotCall));
        return new RangeChange(1, Numbers.Count);
    }

    Task<IReadOnlyList<string>> IRecipientRangeGrain.GetDoNotCallAsync(int skip, int take) =>
        Task.FromResult<IReadOnlyList<string>>([.. Numbers.Order().Skip(skip).Take(take).Select(RecipientKey.E164)]);

    /// <summary>
    /// Whether the call holding a number may still be on the line, asked of its contact's record. A call not in the record
    /// yet is being placed (a hold is taken before the attempt is stored), unless it was held longer than a dial can take.
    /// </summary>
    private async Task<bool> OnTheLineAsync(LineHold hold, DateTimeOffset now)
    {
        if (!ContactKey.TryParseCallId(hold.CallId, out var contactKey))
        {
            return true;
        }

        var calls = await GrainFactory.GetGrain<IContactGrain>(contactKey).GetCallsAsync();
        return calls.FirstOrDefault(c => c.CallId == hold.CallId) is { } call ? call.Outcome is null : now - hold.At < UnplacedHoldLapse;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_releasesUnwritten)
        {
            await calls.WriteStateAsync(cancellationToken);
        }
    }

    /// <summary>A failed write may still have landed: the caller undoes its change, and the activation goes so the next call reads storage.</summary>
    private async Task WriteAsync<TState>(IPersistentState<TState> state)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }
}
