namespace BatchCalling.Webhooks;

/// <summary>What is due at an endpoint now, oldest first, and when its earliest event not yet due will be.</summary>
public sealed record DueRows(IReadOnlyList<OutboxRow> Rows, DateTimeOffset? NextDueAt);
