using BatchCalling.Contacts;
using BatchCalling.Dialing.Webhook;

namespace BatchCalling.UnitTests.Dialing;

public sealed class WebhookCallEventTests
{
    [Theory]
    [InlineData("""{"status":"completed","optOut":true}""", true)]
    [InlineData("""{"status":"answered","optOut":true}""", true)]
    [InlineData("""{"status":"completed","optOut":false}""", false)]
    [InlineData("""{"status":"completed","optOut":"true"}""", false)]
    [InlineData("""{"status":"completed"}""", false)]
    public void An_opt_out_is_read_from_any_event_final_or_not(string body, bool optOut)
    {
        var reading = WebhookCallEvent.Read(body);

        Assert.Equal((CallEventVerdict.Accepted, optOut), (reading.Verdict, reading.OptOut));
    }
}
