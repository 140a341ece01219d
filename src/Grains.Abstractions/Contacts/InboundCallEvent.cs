namespace BatchCalling.Contacts;

/// <summary>
/// A platform's report on a call, as it reached the gateway: the address it was sent to, its raw body and headers. The
/// contact verifies it with its dialer's secret, which only the silo holds.
/// </summary>
[GenerateSerializer, Immutable, Alias("batch.inbound-call-event")]
public sealed record InboundCallEvent(
    [property: Id(0)] string Url,
    [property: Id(1)] string Body,
    [property: Id(2)] IReadOnlyDictionary<string, string> Headers);
