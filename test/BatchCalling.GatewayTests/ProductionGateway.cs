using BatchCalling.Testing;

namespace BatchCalling.GatewayTests;

/// <summary>
/// The production profile: three silo processes and a separate gateway process on PostgreSQL and Redis, with the
/// same demo key and 100 ms calls as the embedded fixture, so one contract holds both.
/// </summary>
public sealed class ProductionGateway() : ProcessCluster(100, ("Demo__Enabled", "true"), ("Demo__ApiKey", IGatewayUnderTest.DemoKey)), IGatewayUnderTest
{
    string IGatewayUnderTest.AdminToken => AdminToken;

    public HttpClient ClientWith(string? bearer) => Client(bearer, new ContractCheckingHandler());

    public Task<int> PeakForJobAsync(string jobId) => CallLog.PeakAsync("job_id", jobId);

    public Task<int> PlacedForJobAsync(string jobId) => CallLog.PlacedAsync(jobId);

    public async Task<int> PeakForNumberAsync(string organizationId, string phone) =>
        CallLog.Concurrency((await CallLog.CallsAsync("to_number", phone)).Where(c => c.OrganizationId == organizationId))
            .Select(step => step.Running).DefaultIfEmpty().Max();

    public async Task<double> MetricSumAsync(string name)
    {
        // The gateway is ready with one silo; the others may still be starting, their metrics not yet served.
        await Task.WhenAll(Enumerable.Range(0, SiloCount).Select(i => WaitUntilSiloServingAsync(i, TimeSpan.FromMinutes(1))));
        var scrapes = await Task.WhenAll(Enumerable.Range(0, SiloCount).Select(i => SiloHttpAddress(i))
            .Prepend(BaseAddress).Select(address => PrometheusScrape.ReadAsync(address.ToString(), AdminToken)));
        return scrapes.Sum(scrape => scrape.Sum(name));
    }

    public async Task<long> DoubleDialsAsync(string jobId) => (await CallLog.CountsAsync(jobId)).PlacedTwice;
}

[CollectionDefinition(Name)]
public sealed class ProductionTests : ICollectionFixture<ProductionGateway>
{
    public const string Name = "production gateway";
}
