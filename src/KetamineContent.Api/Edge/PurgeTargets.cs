using System.Net.Http.Json;
using System.Text.Json;

namespace KetamineContent.Api.Edge;

/// <summary>Where purges go and in what form: one per Varnish node, or the Fastly service, or the Cloudflare zone.</summary>
public abstract class PurgeTarget
{
    /// <summary>What acknowledgements are recorded under (a Varnish node's base URL, fastly:&lt;service&gt;, cloudflare:&lt;zone&gt;).</summary>
    public abstract string Name { get; }

    public abstract string Provider { get; }

    /// <summary>The most keys one request may carry.</summary>
    public abstract int MaxKeys { get; }

    public abstract HttpRequestMessage Request(IReadOnlyList<string> keys);

    /// <summary>Null when the answer acknowledges the purge, else why not.</summary>
    public virtual async Task<string?> RefusalAsync(HttpResponseMessage response, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(response);
        await Task.CompletedTask;
        return response.IsSuccessStatusCode ? null : $"answered {(int)response.StatusCode}";
    }

    /// <summary>The destinations the configuration names (none for Cdn:Provider=none).</summary>
    public static IReadOnlyList<PurgeTarget> For(CdnOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider switch
        {
            CdnOptions.VarnishProvider => options.Varnish.Nodes.Select(n => (PurgeTarget)new VarnishNode(new Uri(n, UriKind.Absolute))).DistinctBy(t => t.Name, StringComparer.Ordinal).ToList(),
            CdnOptions.FastlyProvider => [new FastlyService(options.Fastly)],
            CdnOptions.CloudflareProvider => [new CloudflareZone(options.Cloudflare)],
            _ => [],
        };
    }
}

/// <summary>
/// <c>PURGE /</c> with <c>xkey: k1 k2</c>, as varnish-modules' xkey example VCL takes it (deploy/varnish/default.vcl);
/// keys per request kept well inside Varnish's default 8 KB request header line.
/// </summary>
public sealed class VarnishNode(Uri baseUrl) : PurgeTarget
{
    private static readonly HttpMethod Purge = new("PURGE");

    public override string Name { get; } = baseUrl.GetLeftPart(UriPartial.Authority);

    public override string Provider => CdnOptions.VarnishProvider;

    public override int MaxKeys => 40;

    public override HttpRequestMessage Request(IReadOnlyList<string> keys)
    {
        var request = new HttpRequestMessage(Purge, new Uri(baseUrl, "/"));
        request.Headers.TryAddWithoutValidation("xkey", string.Join(' ', keys));
        return request;
    }
}

/// <summary>Fastly's batch purge by surrogate key: <c>POST /service/{id}/purge</c>, keys in a Surrogate-Key header (at most 256), the token in Fastly-Key.</summary>
public sealed class FastlyService(CdnOptions.FastlyOptions options) : PurgeTarget
{
    public override string Name { get; } = "fastly:" + options.ServiceId;

    public override string Provider => CdnOptions.FastlyProvider;

    public override int MaxKeys => 256;

    public override HttpRequestMessage Request(IReadOnlyList<string> keys)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{options.BaseUrl.TrimEnd('/')}/service/{Uri.EscapeDataString(options.ServiceId)}/purge");
        request.Headers.TryAddWithoutValidation("Fastly-Key", options.Token);
        request.Headers.TryAddWithoutValidation("Surrogate-Key", string.Join(' ', keys));
        request.Headers.Accept.ParseAdd("application/json");
        return request;
    }
}

/// <summary>Cloudflare's purge by cache tags: <c>POST /zones/{zone}/purge_cache</c> with <c>{"tags": [...]}</c> (30 a call), a Bearer token.</summary>
public sealed class CloudflareZone(CdnOptions.CloudflareOptions options) : PurgeTarget
{
    public override string Name { get; } = "cloudflare:" + options.ZoneId;

    public override string Provider => CdnOptions.CloudflareProvider;

    public override int MaxKeys => 30;

    public override HttpRequestMessage Request(IReadOnlyList<string> keys)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{options.BaseUrl.TrimEnd('/')}/zones/{Uri.EscapeDataString(options.ZoneId)}/purge_cache")
        {
            Content = JsonContent.Create(new { tags = keys }),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", options.Token);
        return request;
    }

    /// <summary>Cloudflare's envelope says <c>"success": false</c> (with errors) when it did not purge.</summary>
    public override async Task<string?> RefusalAsync(HttpResponseMessage response, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.IsSuccessStatusCode)
        {
            return $"answered {(int)response.StatusCode}";
        }

        try
        {
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            return body.RootElement.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.True
                ? null
                : "answered without \"success\": true";
        }
        catch (JsonException)
        {
            return "answered with a body that is not JSON";
        }
    }
}
