using System.Net.Http.Json;
using System.Text.Json;

using BatchCalling.Testing;

using Xunit.Abstractions;

namespace BatchCalling.ClusterTests;

/// <summary>
/// The silo that delivers an organization's webhooks killed mid-delivery, on Orleans' default timing: its events come back
/// out of the outbox (the sweep wakes the endpoint's deliverer wherever it is activated next), none is lost, and each job's
/// events still first arrive in their order.
/// </summary>
[Collection(PlatformFaultClusterDefinition.Name)]
public sealed class WebhookFaultTests(PlatformFaultCluster cluster, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Contacts = 120;
    private static readonly string[] Events = ["job.status_changed", "contact.finished"];

    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        // Slower than the calls end: deliveries lag behind dialing, so some are always in flight or waiting when the silo dies.
        _receiver.AnswerAfter(TimeSpan.FromMilliseconds(100));
    }

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task Killing_the_silo_that_delivers_an_endpoints_webhooks_loses_none_and_keeps_its_jobs_order()
    {
        var (_, http) = await cluster.NewTenantAsync(20);
        var registered = await (await http.PostAsJsonAsync("/batch/webhooks",
            new { url = _receiver.Url(), events = Events })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        var (webhookId, secret) = (registered.GetProperty("id").GetString()!, registered.GetProperty("secret").GetString()!);
        var jobId = await http.CreateJobAsync(Api.Contacts(Contacts, seed: 5), ("concurrentCallLimit", "20"), ("maxAttempts", "1"));
        await _receiver.WaitForAsync(posts => posts.Count >= 10, "the job's first deliveries", timeout: TimeSpan.FromSeconds(60));
        var victim = cluster.SiloDelivering(webhookId) ?? throw new InvalidOperationException($"No silo logged endpoint {webhookId}; logs in {cluster.LogDirectory}");

        var killedAt = DateTimeOffset.UtcNow;
        cluster.KillSilo(victim);
        output.WriteLine($"{killedAt:HH:mm:ss.fff} SIGKILL silo {victim}, which delivers {webhookId}, after {_receiver.Posts.Count} posts");
        await Task.Delay(TimeSpan.FromSeconds(2));
        cluster.StartSilo(victim);

        string[] expected = [$"evt_{jobId}_pending", $"evt_{jobId}_running", .. Enumerable.Range(0, Contacts).Select(i => $"evt_{jobId}_{i}_finished"), $"evt_{jobId}_completed"];
        var posts = await _receiver.WaitForAsync(p => expected.All(id => p.Any(x => x.Id == id && x.Answered == 204)), "every event of the job",
            timeout: TimeSpan.FromSeconds(150));
        output.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} all {expected.Length} events taken, in {posts.Count} posts");
        await cluster.WaitUntilSiloServingAsync(victim, TimeSpan.FromSeconds(90));

        Assert.All(posts, p => Assert.True(p.VerifiesWith(secret), $"{p.Id} does not verify"));
        var arrived = posts.Select(p => p.Id).Distinct().ToList();
        Assert.Equal(expected.Order(), arrived.Order());
        Assert.Equal(expected[..2], arrived[..2]);
        Assert.Equal(expected[^1], arrived[^1]);
        // The kill came mid-delivery: events were taken before it, and others only after it.
        Assert.Contains(posts, p => p.At < killedAt);
        Assert.Contains(posts, p => p.At > killedAt && !posts.Any(q => q.Id == p.Id && q.At < killedAt));
    }
}
