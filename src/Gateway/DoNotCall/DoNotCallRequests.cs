namespace BatchCalling.Gateway.DoNotCall;

/// <summary>Numbers to add to the organization's do-not-call list: E.164, at most <see cref="DoNotCallEndpoints.MaxNumbers"/> a request.</summary>
public sealed record AddDoNotCallRequest(IReadOnlyList<string?>? Numbers);

/// <summary>A number left out of an add, and why (the upload's skip reasons: <c>invalid_phone_format</c>, <c>invalid_phone_number</c>, <c>missing_phone</c>).</summary>
public sealed record InvalidNumber(string? Number, string Reason);

/// <summary>What an add did: numbers new to the list, numbers it already held, and the invalid ones, left out.</summary>
public sealed record AddDoNotCallResponse(int Added, int AlreadyListed, IReadOnlyList<InvalidNumber> Invalid);

/// <summary>One page of the list, paged like the job list.</summary>
public sealed record DoNotCallListResponse(IReadOnlyList<string> Numbers, int Total, int Page, int PageSize);
