using BatchCalling.SimulatedPlatform.Twilio;
using Npgsql;

namespace BatchCalling.SimulatedPlatform.Calls;

/// <summary>
/// A call as table <c>platform_calls</c> keeps it: what its final event is made of, and where it goes; for a call placed on
/// the Twilio subset, also what its callbacks and resource say (<see cref="Twilio"/>).
/// </summary>
public sealed record StoredCall(string CallId, Outcome Outcome, int DurationMs, Behaviour Behaviour, string EventsUrl, bool HungUp, TwilioCallInfo? Twilio = null)
{
    /// <summary>The columns <see cref="Read"/> reads, first in a SELECT or RETURNING list (<see cref="ColumnCount"/> of them).</summary>
    public const string Columns = "call_id, outcome, duration_ms, behaviour, events_url, hung_up, protocol, provider_call_id, organization_id, to_number, from_number, machine_detection, started_at";

    public const int ColumnCount = 13;

    public static StoredCall Read(NpgsqlDataReader row) => new(
        row.GetString(0), Outcome.Parse(row.GetString(1)), row.GetInt32(2), BehaviourNames.Read(row.GetString(3)),
        row.GetString(4), row.GetBoolean(5),
        row.GetString(6) == TwilioCallInfo.Protocol
            ? new TwilioCallInfo(row.GetString(7), row.GetString(8), row.IsDBNull(9) ? "" : row.GetString(9), row.IsDBNull(10) ? "" : row.GetString(10),
                row.GetBoolean(11), row.GetFieldValue<DateTimeOffset>(12))
            : null);
}
