using BatchCalling.Hosting;

// A silo on its own, for clusters whose gateway runs apart. The embedded default needs none of this:
// `dotnet run --project src/Gateway` hosts a silo in-process.
var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo.UseBatchClustering(builder.Configuration).AddBatchCalling(builder.Configuration));

await builder.Build().RunAsync();
