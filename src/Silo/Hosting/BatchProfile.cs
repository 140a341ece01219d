using Microsoft.Extensions.Configuration;
using Npgsql;

namespace BatchCalling.Hosting;

/// <summary>
/// The one switch (<c>Profile</c>) between the embedded default — everything in memory, one process — and the
/// production profile: grain state in PostgreSQL, reminders and cluster membership in Redis.
/// </summary>
public sealed record BatchProfile(bool IsProduction, string? Postgres, string? Redis)
{
    /// <summary>Shared by every silo and client of one deployment (<c>Orleans:ServiceId</c>); scopes grain state and reminders.</summary>
    public string ServiceId { get; init; } = "batch-calling";

    /// <summary>Names one cluster's membership (<c>Orleans:ClusterId</c>).</summary>
    public string ClusterId { get; init; } = "embedded";

    /// <summary>
    /// Whether dialer and webhook URLs may lead to private, loopback or link-local addresses
    /// (<c>Network:AllowPrivateAddresses</c>; by default only on the embedded default).
    /// </summary>
    public bool AllowPrivateAddresses { get; init; }

    public static BatchProfile From(IConfiguration configuration)
    {
        var profile = Read(configuration);
        return profile with
        {
            // A pod's ids come from its labels, through the downward API (deploy/k8s).
            ServiceId = configuration["Orleans:ServiceId"] ?? configuration["ORLEANS_SERVICE_ID"] ?? "batch-calling",
            ClusterId = configuration["Orleans:ClusterId"] ?? configuration["ORLEANS_CLUSTER_ID"] ?? (profile.IsProduction ? "production" : "embedded"),
            AllowPrivateAddresses = configuration.GetValue("Network:AllowPrivateAddresses", !profile.IsProduction),
        };
    }

    private static BatchProfile Read(IConfiguration configuration)
    {
        var profile = configuration["Profile"] ?? "Embedded";
        if (profile.Equals("Embedded", StringComparison.OrdinalIgnoreCase))
        {
            return new BatchProfile(false, null, null);
        }

        if (!profile.Equals("Production", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Profile '{profile}' is unknown: use 'Embedded' (the default) or 'Production'.");
        }

        return new BatchProfile(true,
            configuration.GetConnectionString("Postgres") is { Length: > 0 } postgres ? WithoutSessionReset(postgres)
                : throw new InvalidOperationException("The production profile needs ConnectionStrings:Postgres."),
            configuration.GetConnectionString("Redis") is { Length: > 0 } redis ? redis
                : throw new InvalidOperationException("The production profile needs ConnectionStrings:Redis."));
    }

    /// <summary>
    /// Our statements leave no session state behind (the one lock we take is transaction-scoped), so a pooled
    /// connection needs no <c>DISCARD ALL</c> before reuse: that reset was a round trip and a transaction of its own
    /// for every storage call, half of all the transactions the cluster ran under load.
    /// </summary>
    private static string WithoutSessionReset(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;
}
