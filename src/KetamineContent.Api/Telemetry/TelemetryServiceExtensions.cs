using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace KetamineContent.Api.Telemetry;

/// <summary>
/// OpenTelemetry on when it has somewhere to go (Metrics:Token for /metrics, Telemetry:OtlpEndpoint for OTLP); off,
/// nothing listens and nothing is recorded. JSON logs with the trace id when Logging:Json is set.
/// </summary>
public static class TelemetryServiceExtensions
{
    /// <summary>The meters ASP.NET Core, Kestrel, HttpClient, Npgsql and the runtime publish, and ours.</summary>
    public static readonly string[] Meters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.Authentication",
        "Microsoft.AspNetCore.Authorization", "System.Net.Http", "System.Net.NameResolution", "System.Runtime", "Npgsql",
        ContentMetrics.MeterName, WorkMetrics.MeterName,
    ];

    public static readonly string[] ActivitySources = ["Microsoft.AspNetCore", "System.Net.Http", "Npgsql"];

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        if (configuration.GetValue<bool>("Logging:Json"))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
            builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        }

        var services = builder.Services;
        services.AddOptions<MetricsOptions>().BindConfiguration("Metrics")
            .Validate(MetricsOptions.IsValidToken, "Metrics:Token must be at least 16 characters.")
            .Validate(o => o.SampleIntervalSeconds > 0, "Metrics:SampleIntervalSeconds must be positive.").ValidateOnStart();
        services.AddOptions<TelemetryOptions>().BindConfiguration("Telemetry")
            .Validate(TelemetryOptions.IsValid, "Telemetry:OtlpEndpoint must be an absolute http(s) URL and Telemetry:OtlpProtocol grpc or http/protobuf.").ValidateOnStart();
        var metrics = configuration.GetSection("Metrics").Get<MetricsOptions>() ?? new MetricsOptions();
        var telemetry = configuration.GetSection("Telemetry").Get<TelemetryOptions>() ?? new TelemetryOptions();
        var scrape = !string.IsNullOrEmpty(metrics.Token);
        var otlp = !string.IsNullOrEmpty(telemetry.OtlpEndpoint) && TelemetryOptions.IsValid(telemetry);
        if (!scrape && !otlp)
        {
            return builder;
        }

        var exporter = new PrometheusTextExporter();
        services.AddSingleton(exporter);
        services.AddSingleton<TelemetrySampler>();
        services.AddHostedService(sp => sp.GetRequiredService<TelemetrySampler>());
        services.AddSingleton<ContentMetrics>();
        services.AddSingleton(sp =>
        {
            sp.GetRequiredService<ContentMetrics>();
            return OpenTelemetrySdk.Create(otel =>
            {
                otel.ConfigureResource(r => r.AddService(telemetry.ServiceName, serviceInstanceId: Environment.MachineName + "/" + Environment.ProcessId));
                otel.WithMetrics(m =>
                {
                    m.AddMeter(Meters);
                    if (scrape)
                    {
                        m.AddReader(exporter.Reader);
                    }

                    if (otlp)
                    {
                        m.AddOtlpExporter(o => Otlp(o, telemetry, "/v1/metrics"));
                    }
                });
                if (otlp)
                {
                    otel.WithTracing(t => t.AddSource(ActivitySources).AddOtlpExporter(o => Otlp(o, telemetry, "/v1/traces")));
                }
            });
        });
        services.AddHostedService<TelemetryStart>();
        return builder;
    }

    /// <summary>
    /// When traces are exported: names the request's span by its route and tags it with method, path, route and status
    /// (ASP.NET Core's own span carries none of these without the instrumentation package). After routing, so the route is
    /// known; cache hits, answered before routing, keep the bare span.
    /// </summary>
    public static WebApplication UseRequestSpans(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var telemetry = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value;
        if (string.IsNullOrEmpty(telemetry.OtlpEndpoint))
        {
            return app;
        }

        app.Use(async (context, next) =>
        {
            var span = System.Diagnostics.Activity.Current;
            if (span is null)
            {
                await next(context);
                return;
            }

            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
            span.SetTag("http.request.method", context.Request.Method);
            span.SetTag("url.path", context.Request.Path.Value);
            if (route is not null)
            {
                span.SetTag("http.route", route);
                span.DisplayName = context.Request.Method + " " + route;
            }

            try
            {
                await next(context);
            }
            finally
            {
                span.SetTag("http.response.status_code", context.Response.StatusCode);
                if (context.Response.StatusCode >= 500)
                {
                    span.SetStatus(System.Diagnostics.ActivityStatusCode.Error);
                }
            }
        });
        return app;
    }

    private static void Otlp(OtlpExporterOptions o, TelemetryOptions telemetry, string signalPath)
    {
        var http = telemetry.OtlpProtocol == "http/protobuf";
        o.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        o.Endpoint = new Uri(http ? telemetry.OtlpEndpoint!.TrimEnd('/') + signalPath : telemetry.OtlpEndpoint!);
    }

    /// <summary>Builds the SDK as the host starts, so listening begins before the first request.</summary>
    private sealed class TelemetryStart(OpenTelemetrySdk sdk) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(sdk);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
