using BatchCalling.SimulatedPlatform.Calls;
using BatchCalling.SimulatedPlatform.Hosting;
using BatchCalling.SimulatedPlatform.Twilio;

// A customer's voice-AI platform, simulated for the cluster's webhook dialer (and a subset of Twilio's Calls API for its
// twilio dialer): it places calls as their contacts (or numbers) script them, keeps every call in PostgreSQL (the evidence
// fault tests judge by) and posts signed events when calls end.
// Settings sit beside the binary, wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddSimulatedPlatform();

var app = builder.Build();
BatchCalling.SimulatedPlatform.Calls.ReceivedAt.Stamp(app);
await app.Services.GetRequiredService<PlatformSchema>().ApplyAsync();
app.MapGet("/health", () => TypedResults.Ok());
app.MapCallsApi();
app.MapTwilioApi();
await app.RunAsync();
