namespace KetamineContent.Api.Telemetry;

/// <summary>Section "Metrics": the bearer token that guards /metrics (unset: /metrics is not served) and how often database figures are sampled.</summary>
public sealed class MetricsOptions
{
    public string? Token { get; set; }

    public double SampleIntervalSeconds { get; set; } = 15;

    public static bool IsValidToken(MetricsOptions o) => string.IsNullOrEmpty(o?.Token) || o.Token.Trim().Length >= 16;
}

/// <summary>Section "Telemetry": where traces and metrics go over OTLP (unset: nothing is exported).</summary>
public sealed class TelemetryOptions
{
    /// <summary>For example http://collector:4317 (grpc) or http://collector:4318 (http/protobuf).</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>grpc (default) or http/protobuf.</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    public string ServiceName { get; set; } = "ketaminecontent-api";

    public static bool IsValid(TelemetryOptions o) =>
        (string.IsNullOrEmpty(o?.OtlpEndpoint) || Uri.TryCreate(o.OtlpEndpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        && o?.OtlpProtocol is "grpc" or "http/protobuf";
}
