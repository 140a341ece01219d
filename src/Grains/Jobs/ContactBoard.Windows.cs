using BatchCalling.Contacts;
using BatchCalling.Windows;

namespace BatchCalling.Jobs;

/// <summary>
/// The board's calling windows: a contact outside its window is never ready (so it never asks for a slot) but waits for
/// the window's opening like a retry, with that reason shown; one whose zones never share an open moment ends blocked.
/// </summary>
public sealed partial class ContactBoard
{
    private readonly ContactWindows? _windows;

    /// <summary>Contacts ready to dial whose window closed since the last round go back to wait for its opening.</summary>
    private void HoldClosedWindows()
    {
        if (IsStopped || _windows?.ClosedSince(_now) is not true)
        {
            return;
        }

        foreach (var queue in (Queue<int>[])[_fresh, _ready])
        {
            for (var n = queue.Count; n > 0; n--)
            {
                var index = queue.Dequeue();
                if (!WaitsForWindow(index))
                {
                    queue.Enqueue(index);
                }
            }
        }
    }

    /// <summary>True when the contact's window is closed now: it waits for the opening, or ends blocked if there is none.</summary>
    private bool WaitsForWindow(int index)
    {
        if (_windows?.OpensAt(index, _now) is not { } opensAt)
        {
            return false;
        }

        var c = _contacts[index];
        if (opensAt == DateTimeOffset.MaxValue)
        {
            Update(index, c with
            {
                Status = ContactStatus.Blocked, EndReason = EndReason.NoCallingWindow, NextAttemptAt = null, WaitReason = null, CompletedAt = _now,
            });
            return true;
        }

        Update(index, c with { NextAttemptAt = opensAt, WaitReason = WaitReason.CallingWindow });
        _waiting.Enqueue(index, opensAt);
        return true;
    }

    /// <summary>When a retry due at <paramref name="due"/> may be dialed: then, or its window's next opening.</summary>
    private (DateTimeOffset? At, WaitReason? Reason) RetryAt(int index, DateTimeOffset due) =>
        _windows?.OpensAt(index, due) is { } opensAt && opensAt != DateTimeOffset.MaxValue ? (opensAt, WaitReason.CallingWindow) : (due, null);
}
