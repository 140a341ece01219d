using BatchCalling.Gateway.Jobs;

namespace BatchCalling.Gateway.Live;

/// <summary>The data of a <c>job</c> event: the list's job object and its contacts per status.</summary>
public sealed record JobEventResponse(JobResponse Job, IReadOnlyDictionary<string, int> StatusBreakdown);

/// <summary>
/// The data of a <c>gone</c> event (the job does not exist for this key, or was deleted) and of a <c>listed</c> one (a new job).
/// </summary>
public sealed record JobIdResponse(string Id);
