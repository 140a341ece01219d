namespace BatchCalling.Throttling;

/// <summary>
/// An organization's pacing, as its throttle keeps it: calls per second per caller number and for the organization. Slots
/// are granted only for calls that may start within <see cref="Horizon"/>, so pacing never holds a slot idle for long; the
/// start itself is reserved by the contact just before it dials, one at a time (<see cref="StartSequencer"/>), so starts
/// stay spaced at the platform whatever the dials' delays. Jobs held back by pacing are woken when their next start comes
/// within reach. No I/O.
/// </summary>
internal sealed class OrganizationPace(double? callsPerSecond, TimeProvider time, TimeSpan confirmTimeout)
{
    /// <summary>How far ahead of its start a paced call may be granted its slot.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromSeconds(1);

    private readonly CallPacer _grants = new(time.GetUtcNow());
    private readonly StartSequencer _starts = new(time.GetUtcNow(), confirmTimeout, time);
    private readonly HashSet<string> _held = [];

    public double? CallsPerSecond { get; set; } = callsPerSecond;

    /// <summary>How many of the job's wanted slots pacing allows now.</summary>
    public int Allowed(SlotRequest request, DateTimeOffset now) =>
        Limits(request.PhoneNumberId, request.NumberCallsPerSecond) is { Count: > 0 } limits
            ? _grants.Available(limits, request.Wanted, now, now + Horizon)
            : int.MaxValue;

    /// <summary>
    /// Books the slots granted; when pacing held the job back, remembers it and answers when to wake it (its next start
    /// within reach).
    /// </summary>
    public DateTimeOffset? Book(SlotRequest request, int granted, int allowed, DateTimeOffset now)
    {
        var limits = Limits(request.PhoneNumberId, request.NumberCallsPerSecond);
        if (limits.Count == 0)
        {
            return null;
        }

        for (var i = 0; i < granted; i++)
        {
            _grants.Take(limits, now);
        }

        if (granted < request.Wanted && granted >= allowed)
        {
            _held.Add(request.JobId);
            return _grants.NextStart(limits, now) - Horizon;
        }

        return null;
    }

    /// <summary>The jobs pacing held back, to wake now; forgets them.</summary>
    public List<string> TakeHeld()
    {
        var held = _held.ToList();
        _held.Clear();
        return held;
    }

    /// <summary>Reserves the next start for a call from this number, once the one before it under its limits was sent.</summary>
    public Task<DateTimeOffset> ReserveStartAsync(string phoneNumberId, double? numberCallsPerSecond) =>
        Limits(phoneNumberId, numberCallsPerSecond) is { Count: > 0 } limits ? _starts.ReserveAsync(limits) : Task.FromResult(time.GetUtcNow());

    /// <summary>The call reserved for this number was sent: the next may be reserved.</summary>
    public void ConfirmStart(string phoneNumberId, double? numberCallsPerSecond) =>
        _starts.Confirm(Limits(phoneNumberId, numberCallsPerSecond));

    private List<PaceLimit> Limits(string? phoneNumberId, double? numberCallsPerSecond)
    {
        var limits = new List<PaceLimit>(2);
        if (phoneNumberId is not null && numberCallsPerSecond is { } number && number > 0)
        {
            limits.Add(new PaceLimit("number:" + phoneNumberId, number));
        }

        if (CallsPerSecond is { } organization && organization > 0)
        {
            limits.Add(new PaceLimit("organization", organization));
        }

        return limits;
    }
}
