namespace BatchCalling.SimulatedPlatform.Twilio;

/// <summary>The body of one of Twilio's error answers.</summary>
public sealed record TwilioError(int Code, string Message, string MoreInfo, int Status);
