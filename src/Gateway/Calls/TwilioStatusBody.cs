using System.ComponentModel;
using System.Text.Json.Serialization;

namespace BatchCalling.Gateway.Calls;

/// <summary>
/// Twilio's status callback (TELEPHONY.md), the fields the cluster reads; for the OpenAPI description, the form is read raw
/// and Twilio sends more (<c>Direction</c>, <c>Timestamp</c>, <c>SequenceNumber</c>…), all of them signed.
/// </summary>
public sealed record TwilioStatusBody(
    [property: JsonPropertyName("CallSid"), Description("Twilio's id of the call (`CA…`).")] string CallSid,
    [property: JsonPropertyName("AccountSid")] string AccountSid,
    [property: JsonPropertyName("CallStatus"), Description("`queued`, `initiated`, `ringing`, `in-progress`, or final: `completed`, `busy`, `no-answer`, `failed`, `canceled`.")] string CallStatus,
    [property: JsonPropertyName("AnsweredBy"), Description("With machine detection: `human`, `machine_start`, `machine_end_beep`, `machine_end_silence`, `machine_end_other`, `fax` or `unknown`.")] string? AnsweredBy,
    [property: JsonPropertyName("CallDuration"), Description("Seconds the call was connected, on completion.")] string? CallDuration,
    [property: JsonPropertyName("SipResponseCode"), Description("The SIP status of the call's end (486, 480, 404, 603…).")] string? SipResponseCode,
    [property: JsonPropertyName("ErrorCode"), Description("Twilio's error code of a failed call; the attempt's `errorCode` is then `twilio_<code>`.")] string? ErrorCode,
    [property: JsonPropertyName("To")] string? To,
    [property: JsonPropertyName("From")] string? From);
