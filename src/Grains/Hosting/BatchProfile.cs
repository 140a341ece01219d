using Microsoft.Extensions.Configuration;

namespace BatchCalling.Hosting;

/// <summary>
/// The one switch (<c>Profile</c>) between the embedded default — everything in memory, one process — and the
/// production profile: grain state in PostgreSQL, reminders and cluster membership in Redis.
/// </summary>
public sealed record BatchProfile(bool IsProduction, string? Postgres, string? Redis)
{
    public static BatchProfile From(IConfiguration configuration)
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
            configuration.GetConnectionString("Postgres") is { Length: > 0 } postgres ? postgres
                : throw new InvalidOperationException("The production profile needs ConnectionStrings:Postgres."),
            configuration.GetConnectionString("Redis") is { Length: > 0 } redis ? redis
                : throw new InvalidOperationException("The production profile needs ConnectionStrings:Redis."));
    }
}
