namespace BatchCalling.Wire;

/// <summary>The body of a <c>contact.finished</c> webhook: the contact as the job detail shows it, and every call as <c>/contacts</c> lists them.</summary>
public sealed record ContactFinishedPayload(string Type, string JobId, JobContactResponse Contact, IReadOnlyList<CallResponse> Calls);
