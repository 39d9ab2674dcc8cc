using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KetamineContent.Tests.Webhooks;

/// <summary>A real HTTP receiver on loopback that records what it is sent.</summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private Receiver(WebApplication app, int port)
    {
        _app = app;
        Url = $"http://127.0.0.1:{port}/hooks";
    }

    public string Url { get; }

    public ConcurrentQueue<(string Id, string Timestamp, string Signature, string Body)> Received { get; } = new();

    /// <summary>How long the receiver takes to answer (to have a delivery in flight).</summary>
    public TimeSpan Delay { get; set; }

    public static async Task<Receiver> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        Receiver? receiver = null;
        app.MapPost("/hooks", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver!.Received.Enqueue((context.Request.Headers["webhook-id"].ToString(), context.Request.Headers["webhook-timestamp"].ToString(),
                context.Request.Headers["webhook-signature"].ToString(), body));
            try
            {
                await Task.Delay(receiver.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The sender went away mid-request (a killed API node).
            }

            return Results.Ok();
        });
        await app.StartAsync();
        var bound = new Uri(app.Urls.First()).Port;
        receiver = new Receiver(app, bound);
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
