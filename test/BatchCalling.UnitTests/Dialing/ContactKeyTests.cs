using BatchCalling.Contacts;

namespace BatchCalling.UnitTests.Dialing;

public sealed class ContactKeyTests
{
    [Fact]
    public void A_call_id_names_its_contact()
    {
        var callId = ContactKey.CallId("batch_ab_c", 42, 3);

        Assert.True(ContactKey.TryParseCallId(callId, out var key));
        Assert.Equal(ContactKey.For("batch_ab_c", 42), key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("call_")]
    [InlineData("call_job_x_1")]
    [InlineData("other_job_1_1")]
    public void Foreign_ids_are_refused(string callId) => Assert.False(ContactKey.TryParseCallId(callId, out _));
}
