using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Dapper;
using KetamineContent.Api.Caching;
using KetamineContent.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineContent.Tests.Caching;

public sealed class CacheTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Anxiety = "6b1f0c1e-0004-4000-8000-000000000004";

    [Fact]
    public async Task AHotReadComesFromTheCacheUntilANotificationDropsIt()
    {
        using var reader = api.Client(null);
        var first = await (await reader.GetAsync("/v1/articles/ketamine-for-anxiety")).JsonAsync();
        Assert.True(api.Services.GetRequiredService<ResponseCache>().Count > 0);

        // Change what the database would answer, without telling anybody: the cache keeps answering the bytes it holds.
        await using var db = await api.OpenDatabaseAsync();
        await db.ExecuteAsync($"UPDATE article SET published_at = published_at + interval '1 day' WHERE id = '{Anxiety}'");
        var cached = await (await reader.GetAsync("/v1/articles/ketamine-for-anxiety")).JsonAsync();
        Assert.Equal(first.GetProperty("updatedAt").GetDateTimeOffset(), cached.GetProperty("updatedAt").GetDateTimeOffset());

        // The notification every change commits with drops the entry on this node.
        await db.ExecuteAsync($"SELECT pg_notify('content_changed', '{Anxiety}')");
        var fresh = await PollAsync(reader, "/v1/articles/ketamine-for-anxiety", a => a.GetProperty("updatedAt").GetDateTimeOffset() != first.GetProperty("updatedAt").GetDateTimeOffset());
        Assert.Equal(first.GetProperty("updatedAt").GetDateTimeOffset().AddDays(1), fresh.GetProperty("updatedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task APublishOnOneNodeIsServedByAnotherWithinASecond()
    {
        await using var other = new ApiFactory().OnDatabase(api.ConnectionString);
        await other.InitializeAsync();
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        using var readerB = other.Client(null);
        var slug = Articles.NewSlug("two-nodes");
        var id = await Articles.PublishedAsync(editor, reviewer, slug, "Before");
        Assert.Equal("Before", (await (await readerB.GetAsync($"/v1/articles/{slug}")).JsonAsync()).GetProperty("title").GetString());
        await (await readerB.GetAsync("/v1/articles?limit=100")).JsonAsync();

        await (await Articles.ReviseAsync(editor, id, "\"1\"", Articles.Body(slug, "After"))).JsonAsync();
        await (await Articles.ReviewAsync(reviewer, id, 2)).JsonAsync();
        await (await Articles.PublishAsync(reviewer, id, 2)).JsonAsync();
        var published = DateTime.UtcNow;
        var seen = await PollAsync(readerB, $"/v1/articles/{slug}", a => a.GetProperty("title").GetString() == "After");
        var delay = DateTime.UtcNow - published;
        Assert.Equal(2, seen.GetProperty("revision").GetInt32());
        Assert.True(delay < TimeSpan.FromSeconds(1), $"node B served the new revision after {delay.TotalMilliseconds:0} ms");
        var list = await (await readerB.GetAsync("/v1/articles?limit=100")).JsonAsync();
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("title").GetString() == "After");
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task CompressedVariantsAreServedWithTheirOwnETags(string coding)
    {
        using var reader = api.Client(null);
        var plain = await reader.GetAsync("/v1/articles/ketamine-for-addiction");
        var plainBody = await plain.Content.ReadAsByteArrayAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/articles/ketamine-for-addiction");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(coding));
        var compressed = await reader.SendAsync(request);
        Assert.Equal(coding, compressed.Content.Headers.ContentEncoding.Single());
        var raw = await compressed.Content.ReadAsByteArrayAsync();
        Assert.True(raw.Length < plainBody.Length / 2);
        await using Stream decoder = coding == "br"
            ? new BrotliStream(new MemoryStream(raw), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
        using var decoded = new MemoryStream();
        await decoder.CopyToAsync(decoded);
        Assert.Equal(plainBody, decoded.ToArray());
        Assert.NotEqual(plain.Headers.ETag, compressed.Headers.ETag);
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/v1/articles/ketamine-for-addiction");
        revalidate.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(coding));
        revalidate.Headers.IfNoneMatch.Add(compressed.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await reader.SendAsync(revalidate)).StatusCode);
    }

    [Fact]
    public async Task ResponsesCarrySurrogateKeysForCdnPurgesAndCorsOnlyForConfiguredOrigins()
    {
        using var reader = api.Client(null);
        var response = await reader.GetAsync("/v1/articles/ketamine-for-anxiety");
        Assert.Equal("article-6b1f0c1e000440008000000000000004 slug-ketamine-for-anxiety", response.Headers.GetValues("Surrogate-Key").Single());
        Assert.Contains("stale-while-revalidate", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());

        using var foreign = new HttpRequestMessage(HttpMethod.Get, "/v1/articles") { Headers = { { "Origin", "https://evil.example" } } };
        Assert.False((await reader.SendAsync(foreign)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    internal static async Task<System.Text.Json.JsonElement> PollAsync(HttpClient client, string path, Func<System.Text.Json.JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var body = await (await client.GetAsync(path)).JsonAsync();
            if (done(body) || DateTime.UtcNow > deadline)
            {
                return body;
            }

            await Task.Delay(25);
        }
    }
}

public sealed class CorsTests
{
    [Fact]
    public async Task AConfiguredFrontEndOriginMayReadTheApi()
    {
        await using var api = new ApiFactory().With("Security:CorsOrigins:0", "https://reader.example");
        await api.InitializeAsync();
        using var client = api.Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/articles") { Headers = { { "Origin", "https://reader.example" } } };
        var response = await client.SendAsync(request);
        Assert.Equal("https://reader.example", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task AFrontEndMayPreflightAMergePatch()
    {
        await using var api = new ApiFactory().With("Security:CorsOrigins:0", "https://reader.example");
        await api.InitializeAsync();
        using var client = api.Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Options, "/v1/manage/articles/6b1f0c1e-0004-4000-8000-000000000004")
        {
            Headers =
            {
                { "Origin", "https://reader.example" },
                { "Access-Control-Request-Method", "PATCH" },
                { "Access-Control-Request-Headers", "content-type, if-match" },
            },
        };
        var response = await client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("https://reader.example", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("PATCH", response.Headers.GetValues("Access-Control-Allow-Methods").Single().Split(','), StringComparer.Ordinal);
        var headers = response.Headers.GetValues("Access-Control-Allow-Headers").Single().Split(',').Select(h => h.Trim().ToLowerInvariant());
        Assert.Contains("content-type", headers);
        Assert.Contains("if-match", headers);
    }
}
