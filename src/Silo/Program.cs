using BatchCalling.Hosting;

// A silo on its own, for the production profile (Profile=Production): PostgreSQL grain state, Redis reminders and
// membership, any number of silos behind a separate gateway. The embedded default needs none of this:
// `dotnet run --project src/Gateway` hosts a silo in-process.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.UseOrleans(silo => silo.UseBatchClustering(builder.Configuration).AddBatchCalling(builder.Configuration));

await builder.Build().RunAsync();
