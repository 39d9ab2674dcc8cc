using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KetamineContent.Api.Caching;
using KetamineContent.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineContent.Tests.Security;

/// <summary>Absolute URLs come from Content:PublicBaseUrl; Host and X-Forwarded-* from a peer that is not a trusted proxy change nothing.</summary>
public sealed class PublicUrlTests
{
    private const string Base = "https://content.example.org";

    private static readonly (string Name, string Value)[] Spoofed =
    [
        ("Host", "evil.example"), ("X-Forwarded-Host", "evil.example"), ("X-Forwarded-Proto", "gopher"),
        ("X-Forwarded-Prefix", "/evil"), ("X-Forwarded-For", "203.0.113.66"), ("Forwarded", "host=evil.example;proto=http"),
    ];

    [Fact]
    public async Task ASpoofedHostOrForwardedHeaderChangesNoUrlAndNoCacheEntry()
    {
        await using var api = new ApiFactory().With("Content:PublicBaseUrl", Base + "/");
        await api.InitializeAsync();
        var cache = api.Services.GetRequiredService<ResponseCache>();
        using var client = api.Client(null);
        cache.Clear();

        // The spoofed request fills the cache; a plain one is then served that entry, and both name the configured base.
        var spoofed = await SendAsync(client, HttpMethod.Get, "/v1/articles/ketamine-for-anxiety?format=jsonld", spoof: true);
        var plain = await SendAsync(client, HttpMethod.Get, "/v1/articles/ketamine-for-anxiety?format=jsonld", spoof: false);
        foreach (var response in new[] { spoofed, plain })
        {
            var ld = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(Base + "/v1/articles/ketamine-for-anxiety", ld.GetProperty("url").GetString());
            Assert.Equal(Base + "/v1/articles/ketamine-for-anxiety", ld.GetProperty("@id").GetString());
        }

        var list = await SendAsync(client, HttpMethod.Get, "/v1/articles?limit=1", spoof: true);
        Assert.StartsWith("</v1/articles?limit=1&cursor=", list.Headers.GetValues("Link").Single(), StringComparison.Ordinal);

        using var editor = api.Client(await api.KeyAsync("editor"));
        var created = await SendAsync(editor, HttpMethod.Post, "/v1/manage/articles", spoof: true, Articles.Body(Articles.NewSlug("spoof")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("/v1/manage/articles/", created.Headers.Location!.OriginalString, StringComparison.Ordinal);

        foreach (var response in new[] { spoofed, plain, list, created })
        {
            Assert.DoesNotContain("evil", string.Join("\n", response.Headers.Select(h => string.Join(",", h.Value))), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("evil", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task WithoutAPublicBaseUrlOutsideDevelopmentUrlsAreRelative()
    {
        await using var api = new ApiFactory();
        await api.InitializeAsync();
        using var client = api.Client(null);
        var response = await SendAsync(client, HttpMethod.Get, "/v1/articles/ketamine-for-anxiety?format=jsonld", spoof: true);
        var ld = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("/v1/articles/ketamine-for-anxiety", ld.GetProperty("url").GetString());
    }

    [Fact]
    public async Task FromATrustedProxyTheForwardedClientAddressIsTheRateLimitPartition()
    {
        await using var api = new ApiFactory()
            .With("RateLimits:PerAddressPerMinute", "2")
            .With("Security:TrustedProxies:0", "127.0.0.1")
            .With("Security:TrustedNetworks:0", "::1/128");
        await api.InitializeAsync();
        using var client = api.Client(null);
        Assert.Equal(HttpStatusCode.OK, (await SearchFromAsync(client, "203.0.113.7", "trusted1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SearchFromAsync(client, "203.0.113.7", "trusted2")).StatusCode);
        await (await SearchFromAsync(client, "203.0.113.7", "trusted3")).AssertProblemAsync(HttpStatusCode.TooManyRequests);

        // Another client behind the same proxy has its own window.
        Assert.Equal(HttpStatusCode.OK, (await SearchFromAsync(client, "203.0.113.8", "trusted4")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SearchFromAsync(client, "198.51.100.1, 203.0.113.9", "trusted5")).StatusCode);
    }

    internal static async Task<HttpResponseMessage> SearchFromAsync(HttpClient client, string forwardedFor, string word)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/search?q=" + word);
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, bool spoof, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (spoof)
        {
            foreach (var (name, value) in Spoofed)
            {
                if (name == "Host")
                {
                    request.Headers.Host = value;
                }
                else
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }
            }
        }

        return await client.SendAsync(request);
    }
}
