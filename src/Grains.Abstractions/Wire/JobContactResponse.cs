using System.Text.Json.Nodes;
using BatchCalling.Contacts;

namespace BatchCalling.Wire;

/// <summary>
/// A contact in the job detail and in a <c>contact.finished</c> webhook: the seed product's shape (its <c>errorCode</c>,
/// <c>roomName</c> and <c>callDuration</c> are the last call's, as the platform gave them), plus why it waits and what the
/// platform said of the last call.
/// </summary>
public sealed record JobContactResponse(
    string Id, string PhoneNumber, JsonObject ContactData, string Status, string? ErrorCode, int AttemptCount, int MaxAttempts,
    DateTimeOffset? LastAttemptAt, DateTimeOffset? NextRetryAt, DateTimeOffset? CompletedAt, string? RoomName, string? FailureReason,
    int? CallDuration, string? WaitReason, string? EndedReason, string? RecordingUrl, string? Summary)
{
    public static JobContactResponse From(ContactView c, int maxAttempts)
    {
        var last = c.Calls.Count > 0 ? c.Calls[^1] : null;
        return new(
            ContactId(c.Index), c.Contact.Phone, WireJson.ContactData(c.Contact), WireNames.Of(c.Status), last?.ErrorCode, c.Attempts, maxAttempts,
            c.LastAttemptAt, c.NextAttemptAt, c.CompletedAt, last?.RoomName, c.FailureReason,
            WholeSeconds(c.LastCallSeconds), c.WaitReason,
            last?.Results?.EndedReason, last?.Results?.RecordingUrl, last?.Results?.Summary);
    }

    /// <summary>How <c>callDuration</c> shows a call's length: in whole seconds.</summary>
    public static int? WholeSeconds(double? seconds) => seconds is { } s ? (int)Math.Round(s, MidpointRounding.AwayFromZero) : null;

    /// <summary><c>contact_000017</c>: the contact's 0-based position in the upload.</summary>
    public static string ContactId(int index) => $"contact_{index:D6}";
}
