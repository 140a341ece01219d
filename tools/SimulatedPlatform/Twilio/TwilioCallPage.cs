namespace BatchCalling.SimulatedPlatform.Twilio;

/// <summary>A page of <c>GET …/Calls.json</c>: the calls, newest first, and the page's place (always the only page here).</summary>
public sealed record TwilioCallPage(IReadOnlyList<TwilioCallResource> Calls, int Page, int PageSize, string Uri, string? NextPageUri);
