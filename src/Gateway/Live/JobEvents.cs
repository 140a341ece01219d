using System.Net.ServerSentEvents;
using System.Text.Json;
using BatchCalling.Gateway.Jobs;
using BatchCalling.Jobs;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace BatchCalling.Gateway.Live;

/// <summary>The events of <c>/batch/jobs/events</c>, written as JSON the way every response is (the HTTP JSON options).</summary>
public sealed class JobEvents(IOptions<JsonOptions> json)
{
    public const string Job = "job";
    public const string Gone = "gone";
    public const string Ping = "ping";
    public const string Listed = "listed";

    private JsonSerializerOptions Options => json.Value.SerializerOptions;

    public SseItem<string> PingItem { get; } = new("{}", Ping);

    public SseItem<string> Of(JobUpdate update) => update.Summary is { } summary
        ? new(JsonSerializer.Serialize(new JobEventResponse(JobResponse.From(summary), update.StatusCounts), Options), Job)
        : new(JsonSerializer.Serialize(new JobIdResponse(update.JobId), Options), Gone);

    public SseItem<string> NewJob(string jobId) => new(JsonSerializer.Serialize(new JobIdResponse(jobId), Options), Listed);
}
