using KetamineContent.Api.Access;
using KetamineContent.Api.Assets;
using KetamineContent.Api.Auth;
using KetamineContent.Api.Caching;
using KetamineContent.Api.Cli;
using KetamineContent.Api.Clinical;
using KetamineContent.Api.Data;
using KetamineContent.Api.Delivery;
using KetamineContent.Api.Editing;
using KetamineContent.Api.Edge;
using KetamineContent.Api.EditorialConsole;
using KetamineContent.Api.Health;
using KetamineContent.Api.Http;
using KetamineContent.Api.OpenApi;
using KetamineContent.Api.Telemetry;
using KetamineContent.Api.Trust;
using KetamineContent.Api.Releases;
using KetamineContent.Api.Webhooks;
using KetamineContent.Api.Workflow;
using KetamineContent.Api.Writes;

if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
if (builder.Environment.IsDevelopment() && string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:8080");
}

builder.WebHost.ConfigureKestrel(k =>
{
    k.AddServerHeader = false;
    k.Limits.MaxRequestBodySize = builder.Configuration.GetValue("Limits:MaxRequestBodyBytes", 1_048_576L);
    k.Limits.MaxRequestLineSize = RequestLimits.KestrelRequestLine;
    k.Limits.MaxRequestHeadersTotalSize = RequestLimits.KestrelHeaders;
});
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("Host:ShutdownTimeoutSeconds", 30)));
builder.Services.AddHttpConventions();
builder.Services.AddSecurity(builder.Configuration);
builder.Services.AddPublishedCache();
builder.Services.AddEdge();
builder.Services.AddContentData();
builder.Services.AddAccess();
builder.Services.AddConsoleOidc(builder.Configuration);
builder.Services.AddRateLimits(builder.Configuration);
builder.Services.AddDelivery();
builder.Services.AddEditing();
builder.Services.AddWebhooks();
builder.Services.AddAssets();
builder.Services.AddTrust();
builder.Services.AddArticleLinks();
builder.Services.AddWorkflow();
builder.Services.AddEditorialConsole(builder.Configuration, builder.Environment);
builder.Services.AddTasksAndComments();
builder.Services.AddReleases();
builder.Services.AddClinical();
builder.Services.AddContentOpenApi();
builder.AddTelemetry();

var app = builder.Build();
app.UseTrustedProxies();
app.UseEdge();
app.UseMiddleware<ResponseCacheMiddleware>();
app.UseExceptionHandler();
app.UseRequestLimits();
app.UseSecurity();
app.UseMetricsEndpoint();
app.UseRouting();
app.UseRequestSpans();
app.UseStatusCodeProblems();
app.UseContentOpenApi();
app.UseApiKeyAuthentication();
app.UseRateLimits();
app.UseAuthorization();
app.UseEditorialConsole();
app.UseIdempotencyBuffering();
app.UseJsonBodyBuffering();
app.MapHealth();
app.MapDelivery();
app.MapEditing();
app.MapAccess();
app.MapWebhooks();
app.MapAssets();
app.MapTrust();
app.MapArticleLinks();
app.MapWorkflow();
app.MapEditorialConsole();
app.MapTasksAndComments();
app.MapReleases();
app.MapClinical();
try
{
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is MigrationChecksumException or MigrationFailedException or KetamineContent.LocalPostgres.LocalPostgresException)
{
    await Console.Error.WriteLineAsync("error: " + ex.Message);
    return 1;
}

/// <summary>The web host's entry point (public for WebApplicationFactory in the tests).</summary>
public partial class Program;
