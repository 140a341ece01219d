namespace BatchCalling.Bench;

/// <summary>A benchmark: what it runs against a fresh deployment, the settings it changes, and whether it needs PostgreSQL.</summary>
public sealed record Workload(Func<Deployment, Task<Measurement>> Run, (string, string)[]? Settings = null, bool ProductionOnly = false);
