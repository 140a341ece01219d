namespace BatchCalling.ClusterTests;

/// <summary>One Twilio status callback the receiver got: its form, whether Twilio's RequestValidator took its signature, and when.</summary>
public sealed record ReceivedCallback(string CallId, IReadOnlyDictionary<string, string> Form, bool Verified, DateTimeOffset At)
{
    public string Status => Form["CallStatus"];
}
