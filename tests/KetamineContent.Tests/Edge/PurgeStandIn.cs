using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KetamineContent.Tests.Edge;

/// <summary>
/// A local stand-in for a CDN's purge API (Fastly and Cloudflare cannot be reached from here): a real HTTP server on
/// loopback that records every request and answers what the test sets.
/// </summary>
public sealed class PurgeStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PurgeStandIn(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public ConcurrentQueue<Recorded> Received { get; } = new();

    /// <summary>How many requests, from the first, are answered 503 (the CDN having a bad moment).</summary>
    public int FailFirst { get; set; }

    /// <summary>The body of a 200 answer.</summary>
    public string Answer { get; set; } = "{}";

    public static async Task<PurgeStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var standIn = new PurgeStandIn(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            standIn.Received.Enqueue(new Recorded(context.Request.Method, context.Request.Path.Value ?? "", headers, body));
            if (standIn.Received.Count <= standIn.FailFirst)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(standIn.Answer);
        });
        await app.StartAsync();
        standIn.BaseUrl = app.Urls.First();
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record Recorded(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);
}
