using System.Net;

namespace BatchCalling.GatewayTests;

/// <summary>A gateway whose limit on unknown API keys is low enough to reach.</summary>
public sealed class RateLimitedGateway() : EmbeddedGateway([("Auth:UnknownKeysPerMinute", "3")]);

/// <summary>Guessing API keys is rationed per address; a key the gateway has seen valid is not refused for it.</summary>
public sealed class RateLimitTests(RateLimitedGateway gateway) : IClassFixture<RateLimitedGateway>
{
    [Fact]
    public async Task An_address_that_keeps_presenting_unknown_keys_is_told_to_wait_while_keys_in_use_still_work()
    {
        var demo = gateway.ClientWith(IGatewayUnderTest.DemoKey);
        await (await demo.GetAsync("/batch/jobs")).JsonAsync(HttpStatusCode.OK);
        for (var i = 0; i < 3; i++)
        {
            await (await gateway.ClientWith($"bk_guess_{i}").GetAsync("/batch/jobs")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        }

        var limited = await gateway.ClientWith("bk_guess_4").GetAsync("/batch/jobs");

        await limited.ProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal(TimeSpan.FromMinutes(1), limited.Headers.RetryAfter?.Delta);
        await (await demo.GetAsync("/batch/jobs")).JsonAsync(HttpStatusCode.OK);
        await (await gateway.ClientWith(null).GetAsync("/batch/jobs")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
