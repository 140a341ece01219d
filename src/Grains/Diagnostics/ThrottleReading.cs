namespace BatchCalling.Diagnostics;

/// <summary>
/// What an organization's throttle holds and allows, written by the throttle's turns and read by the metrics collector on
/// another thread: two independent ints, so a reading at worst pairs a fresh one with a value one turn old.
/// </summary>
public sealed class ThrottleReading
{
    private int _held;
    private int _limit;

    public int Held => Volatile.Read(ref _held);

    public int Limit => Volatile.Read(ref _limit);

    public void Update(int held, int limit)
    {
        Volatile.Write(ref _held, held);
        Volatile.Write(ref _limit, limit);
    }
}
