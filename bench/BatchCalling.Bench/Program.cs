using BatchCalling.Bench;

// dotnet bench/BatchCalling.Bench/bin/Release/net10.0/BatchCalling.Bench.dll <workload> <embedded|production> [runs]
// The production profile needs ConnectionStrings__Postgres and ConnectionStrings__Redis (deploy/local/services.sh up).
var workloads = new Dictionary<string, Workload>
{
    ["create"] = new(CreateWorkload.RunAsync),
    ["dispatch"] = new(DispatchWorkload.RunAsync),
    ["webhook"] = new(DispatchWorkload.RunOverWebhookAsync, ProductionOnly: true, Platform: true),
    ["throttle"] = new(ThrottleWorkload.RunAsync, ThrottleWorkload.Settings, ProductionOnly: true, Platform: true),
    ["memory"] = new(MemoryWorkload.RunAsync, MemoryWorkload.Settings),
    ["schedule"] = new(ScheduleWorkload.RunAsync),
    ["peer"] = new(PeerWorkload.RunAsync, ProductionOnly: true),
    ["scale"] = new(ScaleWorkload.RunAsync),
    ["detail"] = new(DetailWorkload.RunAsync),
    ["waiting"] = new(WaitingJobsWorkload.RunAsync, WaitingJobsWorkload.Settings),
    ["webhooks"] = new(WebhookWorkload.RunAsync, ProductionOnly: true, Platform: true),
    ["export"] = new(ExportWorkload.RunAsync),
    ["donotcall"] = new(DoNotCallWorkload.RunAsync),
    ["events"] = new(EventsWorkload.RunAsync),
};
// The pods point of "How it scales" plays podman pods of its own (1, 2 and 3 silos), not a deployment of host processes.
var onPods = args is ["pods", "production", ..];
if (!onPods && (args.Length < 2 || !workloads.TryGetValue(args[0], out var workload) || args[1] is not ("embedded" or "production")
    || (workload.ProductionOnly && args[1] != "production")))
{
    Console.Error.WriteLine($"usage: BatchCalling.Bench {string.Join('|', workloads.Keys)}|pods embedded|production [runs]");
    Console.Error.WriteLine("webhook, throttle, peer, webhooks and pods need PostgreSQL, so they run on the production profile only.");
    return 2;
}

var production = args[1] == "production";
var runs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5;
var results = new List<Measurement>();
for (var run = 1; run <= runs; run++)
{
    var measurement = onPods ? await PodsWorkload.RunAsync() : await RunOnDeploymentAsync(workloads[args[0]]);
    Console.WriteLine($"run {run}: {measurement}");
    results.Add(measurement);
}

Console.WriteLine($"median of {runs}: {Measurement.Median(results)}");
return 0;

async Task<Measurement> RunOnDeploymentAsync(Workload workload)
{
    await using var deployment = await Deployment.StartAsync(production, workload.Settings ?? [], platform: workload.Platform);
    return await workload.Run(deployment);
}
