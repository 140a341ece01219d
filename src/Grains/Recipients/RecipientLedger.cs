using BatchCalling.Organizations;

namespace BatchCalling.Recipients;

/// <summary>
/// The recipient-cap and on-the-line rules over one range's counters and holds: plain logic, no I/O. A number may be
/// called when no other call holds it and fewer than the cap's calls fell in the sliding period before now.
/// </summary>
public sealed class RecipientLedger(RecipientCallsState state)
{
    /// <summary>
    /// When a call may go ahead: now (null), or the first moment the cap frees (its oldest counted call leaves the period),
    /// or, while another call holds the number, a recheck after <paramref name="busyRecheck"/> at most (that call's end is
    /// not known ahead; its hold lapses by itself at the latest).
    /// </summary>
    public DateTimeOffset? WaitUntil(ulong number, string callId, DateTimeOffset now, RecipientCap? cap, TimeSpan busyRecheck)
    {
        if (state.Holds.TryGetValue(number, out var hold) && hold.Until > now)
        {
            return hold.CallId == callId ? null : Min(hold.Until, now + busyRecheck);
        }

        if (cap is null || !state.Calls.TryGetValue(number, out var times))
        {
            return null;
        }

        var recent = times.Where(t => t > now - cap.Period).Order().ToList();
        return recent.Count < cap.Calls ? null : recent[recent.Count - cap.Calls] + cap.Period;
    }

    /// <summary>The hold another call has on the number now, if any.</summary>
    public LineHold? HeldByAnother(ulong number, string callId, DateTimeOffset now) =>
        state.Holds.TryGetValue(number, out var hold) && hold.Until > now && hold.CallId != callId ? hold : null;

    /// <summary>True when the call already holds its number (asked again: admitted, counted once).</summary>
    public bool Holds(ulong number, string callId) => state.Holds.TryGetValue(number, out var hold) && hold.CallId == callId;

    /// <summary>The call holds its number from <paramref name="now"/>, and is counted when the organization has a cap.</summary>
    public void Take(ulong number, string callId, DateTimeOffset now, DateTimeOffset until, RecipientCap? cap)
    {
        state.Holds[number] = new LineHold(callId, now, until);
        if (cap is not null)
        {
            state.Period = cap.Period;
            if (!state.Calls.TryGetValue(number, out var times))
            {
                state.Calls[number] = times = [];
            }

            times.Add(now);
        }
    }

    /// <summary>
    /// The call's number is free again; a call never placed is not counted either. False when the call holds nothing (released
    /// already, lapsed, or replaced).
    /// </summary>
    public bool Release(ulong number, string callId, bool placed)
    {
        if (!state.Holds.TryGetValue(number, out var hold) || hold.CallId != callId)
        {
            return false;
        }

        state.Holds.Remove(number);
        if (!placed && state.Calls.TryGetValue(number, out var times) && times.Remove(hold.At) && times.Count == 0)
        {
            state.Calls.Remove(number);
        }

        return true;
    }

    /// <summary>Drops holds that lapsed and calls older than the cap's period (all of them when no call was counted under a cap).</summary>
    public void Sweep(DateTimeOffset now)
    {
        foreach (var (number, _) in state.Holds.Where(h => h.Value.Until <= now).ToList())
        {
            state.Holds.Remove(number);
        }

        foreach (var (number, times) in state.Calls)
        {
            times.RemoveAll(t => t <= now - state.Period);
            if (times.Count == 0)
            {
                state.Calls.Remove(number);
            }
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
