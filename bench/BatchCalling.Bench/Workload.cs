namespace BatchCalling.Bench;

/// <summary>
/// A benchmark: what it runs against a fresh deployment, the settings it changes, whether it needs PostgreSQL, and whether
/// it dials the simulated platform over HTTP (which keeps its call log in PostgreSQL) rather than the in-process simulator.
/// </summary>
public sealed record Workload(Func<Deployment, Task<Measurement>> Run, (string, string)[]? Settings = null, bool ProductionOnly = false, bool Platform = false);
