using KetamineContent.Api.Cli;
using KetamineContent.Api.Data;
using KetamineContent.Api.Delivery;
using KetamineContent.Api.Health;
using KetamineContent.Api.Http;
using KetamineContent.Api.OpenApi;

if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
if (builder.Environment.IsDevelopment() && string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:8080");
}

builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
builder.Services.AddHttpConventions();
builder.Services.AddContentData();
builder.Services.AddDelivery();
builder.Services.AddContentOpenApi();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseContentOpenApi();
app.MapHealth();
app.MapDelivery();
await app.RunAsync();
return 0;

/// <summary>The web host's entry point (public for WebApplicationFactory in the tests).</summary>
public partial class Program;
