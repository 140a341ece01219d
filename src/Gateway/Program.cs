using BatchCalling.Gateway.Admin;
using BatchCalling.Gateway.Calls;
using BatchCalling.Gateway.DoNotCall;
using BatchCalling.Gateway.Errors;
using BatchCalling.Gateway.Health;
using BatchCalling.Gateway.Hosting;
using BatchCalling.Gateway.Jobs;
using BatchCalling.Gateway.OpenApi;
using BatchCalling.Gateway.Operations;
using BatchCalling.Gateway.Site;
using BatchCalling.Gateway.Webhooks;
using BatchCalling.Hosting;

// Settings sit beside the binary, wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddBatchGateway();
// Once per process: the embedded default's silo is in this process and is not wired again.
builder.AddBatchTelemetry("batch-gateway");

var app = builder.Build();
app.UseApiErrors();
app.UseApiStatusPages();
app.UseKnownCharsetsOnly();
// The campaign page's files need no key: served before authentication, and only paths that name a file.
app.UseCampaignPage();
// After the error handler, so an API-key lookup that cannot reach the cluster is a 503 like any other request.
app.UseAuthentication();
app.UseAuthorization();
app.MapBatchOpenApi();
app.MapHealthApi();
app.MapAdminApi();
app.MapBatchJobsApi();
app.MapWebhooksApi();
app.MapDoNotCallApi();
app.MapCallEventsApi();
app.MapOperations(app.Configuration);
app.UseOwnAddressForCallEvents();
app.Run();

/// <summary>The gateway's entry point; public so HTTP tests can host it.</summary>
public partial class Program;
