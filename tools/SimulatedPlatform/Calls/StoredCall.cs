using Npgsql;

namespace BatchCalling.SimulatedPlatform.Calls;

/// <summary>A call as table <c>platform_calls</c> keeps it: what its final event is made of, and where it goes.</summary>
public sealed record StoredCall(string CallId, Outcome Outcome, int DurationMs, Behaviour Behaviour, string EventsUrl, bool HungUp)
{
    /// <summary>The columns <see cref="Read"/> reads, first in a SELECT or RETURNING list.</summary>
    public const string Columns = "call_id, outcome, duration_ms, behaviour, events_url, hung_up";

    public static StoredCall Read(NpgsqlDataReader row) => new(
        row.GetString(0), Outcome.Parse(row.GetString(1)), row.GetInt32(2), BehaviourNames.Read(row.GetString(3)),
        row.GetString(4), row.GetBoolean(5));
}
