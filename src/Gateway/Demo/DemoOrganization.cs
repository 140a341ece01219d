using BatchCalling.Gateway.Auth;
using BatchCalling.Hosting;
using BatchCalling.Organizations;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace BatchCalling.Gateway.Demo;

/// <summary>
/// The embedded default's demo: organization <c>org_demo</c> with caller number <c>pn_demo</c> and an API key
/// (<c>Demo:ApiKey</c>, else generated), printed with the admin token and a curl to paste.
/// </summary>
public sealed partial class DemoOrganization(
    IGrainFactory grains,
    IConfiguration configuration,
    AdminToken adminToken,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<DemoOrganization> logger) : IHostedService
{
    public const string OrganizationId = "org_demo";
    public const string PhoneNumberId = "pn_demo";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var organization = grains.GetGrain<IOrganizationGrain>(OrganizationId);
        await organization.UpsertAsync(new OrganizationSettings("Demo organization", 10, 1000m));
        await organization.SetPhoneNumberAsync(new PhoneNumber(PhoneNumberId, "+12025550100", "agent_demo", AgentArchitecture.Pipeline));
        var apiKey = await ApiKeys.IssueAsync(grains, OrganizationId, configuration["Demo:ApiKey"] is { Length: > 0 } key ? key : null);
        lifetime.ApplicationStarted.Register(() => PrintBanner(apiKey!));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void PrintBanner(string apiKey)
    {
        var url = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
        var sample = SamplePath();
        Console.WriteLine($"""

            Batch calling is running at {url} ({Mode()}).
              demo organization: {OrganizationId}   caller number: {PhoneNumberId}
              API key:     {apiKey}
              admin token: {adminToken.Value}

            Open the dashboard at {url}/ and sign in with the API key, or create a job from the sample CSV:
              curl -s -H "Authorization: Bearer {apiKey}" -F file=@{sample} -F fromPhoneNumberId={PhoneNumberId} -F name=Demo {url}/batch/jobs

            """);
        LogReady(url);
    }

    private string Mode() => BatchProfile.From(configuration).IsProduction
        ? "production profile: PostgreSQL and Redis, the deployment's default dialer"
        : "embedded: in-memory storage and reminders, simulated dialer";

    /// <summary>The sample CSV of the repository, found upward from where the gateway runs.</summary>
    private static string SamplePath()
    {
        const string relative = "samples/contacts-small.csv";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, relative)))
            {
                return Path.Combine(dir.FullName, relative);
            }
        }

        return relative;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo organization ready at {Url}")]
    private partial void LogReady(string url);
}
