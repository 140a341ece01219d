using BatchCalling.Bench;

// dotnet run -c Release --project bench/BatchCalling.Bench -- <create|dispatch> <embedded|production> [runs]
// The production profile needs ConnectionStrings__Postgres and ConnectionStrings__Redis (deploy/local/services.sh up).
if (args.Length < 2 || args[0] is not ("create" or "dispatch") || args[1] is not ("embedded" or "production"))
{
    Console.Error.WriteLine("usage: BatchCalling.Bench create|dispatch embedded|production [runs]");
    return 2;
}

var production = args[1] == "production";
var runs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5;
var results = new List<Measurement>();
for (var run = 1; run <= runs; run++)
{
    await using var deployment = await Deployment.StartAsync(production);
    var measurement = args[0] == "create" ? await Workloads.CreateAsync(deployment) : await Workloads.DispatchAsync(deployment);
    Console.WriteLine($"run {run}: {measurement}");
    results.Add(measurement);
}

Console.WriteLine($"median of {runs}: {Measurement.Median(results)}");
return 0;
