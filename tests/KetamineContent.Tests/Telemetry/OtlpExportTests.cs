using System.Collections.Concurrent;
using System.Net;
using System.Text;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Telemetry;

/// <summary>With Telemetry:OtlpEndpoint set, traces and metrics leave the process over OTLP (http/protobuf here).</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task TracesAndMetricsAreExportedOverOtlpWhenAnEndpointIsConfigured()
    {
        var port = Ports.Free();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var received = new ConcurrentQueue<(string Path, string ContentType, byte[] Body)>();
        var receiving = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    break;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                received.Enqueue((context.Request.Url!.AbsolutePath, context.Request.ContentType ?? "", body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });

        var cs = await TestDatabase.CreateSeededAsync();
        await using (var api = await ApiProcess.StartAsync(cs, new Dictionary<string, string>
        {
            ["Telemetry__OtlpEndpoint"] = $"http://127.0.0.1:{port}",
            ["Telemetry__OtlpProtocol"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        }))
        {
            using var reader = api.Client(null);
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/v1/articles/no-such-article-for-otlp")).StatusCode);
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (DateTime.UtcNow < deadline && !(Has("/v1/traces", "/v1/articles/{slug}") && Has("/v1/metrics", "http.server.request.duration")))
            {
                await Task.Delay(200);
            }
        }

        listener.Stop();
        await receiving;
        Assert.True(Has("/v1/traces", "/v1/articles/{slug}"), "a span of the request, with its route, reached /v1/traces");
        Assert.True(Has("/v1/traces", "ketaminecontent-api"), "the spans name the service");
        Assert.True(Has("/v1/metrics", "http.server.request.duration"), "the request metrics reached /v1/metrics");
        Assert.True(Has("/v1/metrics", "kc.cache.listener.up"), "the project's own metrics reached /v1/metrics");
        Assert.All(received, r => Assert.Equal("application/x-protobuf", r.ContentType));

        bool Has(string path, string text) =>
            received.Any(r => r.Path == path && Encoding.UTF8.GetString(r.Body).Contains(text, StringComparison.Ordinal));
    }
}
