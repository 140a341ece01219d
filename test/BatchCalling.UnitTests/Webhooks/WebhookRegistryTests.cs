using BatchCalling.Organizations;
using BatchCalling.Webhooks;
using Microsoft.Extensions.Time.Testing;

namespace BatchCalling.UnitTests.Webhooks;

public sealed class WebhookRegistryTests
{
    private static readonly Uri Url = new("https://hooks.example.com/batch");
    private readonly OrganizationState _org = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private bool _failWrites;

    private WebhookRegistry Registry => new(_org, () => _failWrites ? throw new TimeoutException("storage") : Task.CompletedTask, _time);

    [Fact]
    public async Task An_endpoint_is_made_with_its_own_id_secret_and_events()
    {
        var created = await Registry.CreateAsync(Url, [WebhookEventTypes.ContactFinished, WebhookEventTypes.ContactFinished]);

        var endpoint = Assert.IsType<WebhookEndpoint>(created.Endpoint);
        Assert.StartsWith("wh_", endpoint.Id, StringComparison.Ordinal);
        Assert.StartsWith("whsec_", endpoint.Secret, StringComparison.Ordinal);
        Assert.Equal([WebhookEventTypes.ContactFinished], endpoint.Events);
        Assert.Equal((_time.GetUtcNow(), Url), (endpoint.CreatedAt, endpoint.Url));
        Assert.Equal([endpoint.Id], Registry.List().Select(w => w.Id));
    }

    [Theory]
    [InlineData]
    [InlineData("job.created")]
    [InlineData("contact.finished", "ping")]
    public async Task No_events_or_an_unknown_one_is_refused(params string[] events)
    {
        var created = await Registry.CreateAsync(Url, events);

        Assert.Null(created.Endpoint);
        Assert.Equal("events", created.InvalidField);
        Assert.Empty(_org.Webhooks);
    }

    [Fact]
    public async Task An_organization_has_ten_endpoints_at_most()
    {
        for (var i = 0; i < WebhookRegistry.MaxEndpoints; i++)
        {
            Assert.NotNull((await Registry.CreateAsync(Url, [WebhookEventTypes.JobStatusChanged])).Endpoint);
        }

        var eleventh = await Registry.CreateAsync(Url, [WebhookEventTypes.JobStatusChanged]);

        Assert.Null(eleventh.Endpoint);
        Assert.Equal("webhooks", eleventh.InvalidField);
    }

    [Fact]
    public async Task A_rotation_keeps_the_previous_secret_and_when_it_was_replaced()
    {
        var endpoint = (await Registry.CreateAsync(Url, [WebhookEventTypes.JobStatusChanged])).Endpoint!;
        _time.Advance(TimeSpan.FromHours(2));

        var secret = await Registry.RotateAsync(endpoint.Id);

        var rotated = Registry.Find(endpoint.Id)!;
        Assert.Equal((secret, endpoint.Secret, _time.GetUtcNow()), (rotated.Secret, rotated.PreviousSecret, rotated.SecretRotatedAt));
        Assert.NotEqual(endpoint.Secret, secret);
        Assert.Null(await Registry.RotateAsync("wh_unknown"));
    }

    [Fact]
    public async Task A_deleted_endpoint_is_gone_and_an_unknown_one_is_not_found()
    {
        var endpoint = (await Registry.CreateAsync(Url, [WebhookEventTypes.JobStatusChanged])).Endpoint!;

        Assert.True(await Registry.DeleteAsync(endpoint.Id));
        Assert.Null(Registry.Find(endpoint.Id));
        Assert.False(await Registry.DeleteAsync(endpoint.Id));
    }

    [Fact]
    public async Task A_change_whose_write_fails_is_undone()
    {
        var endpoint = (await Registry.CreateAsync(Url, [WebhookEventTypes.JobStatusChanged])).Endpoint!;
        _failWrites = true;

        await Assert.ThrowsAsync<TimeoutException>(() => Registry.CreateAsync(Url, [WebhookEventTypes.JobStatusChanged]));
        await Assert.ThrowsAsync<TimeoutException>(() => Registry.RotateAsync(endpoint.Id));
        await Assert.ThrowsAsync<TimeoutException>(() => Registry.DeleteAsync(endpoint.Id));

        Assert.Equal([endpoint], _org.Webhooks);
    }
}
