using System.Net;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Edge;

/// <summary>Caching headers with and without a provider: a day at a purged edge, nothing kept that a purge cannot reach.</summary>
public sealed class EdgeHeadersTests
{
    private const string Today = "public, max-age=60, s-maxage=300, stale-while-revalidate=600, stale-if-error=86400";

    [Fact]
    public async Task WithVarnishAnswersAreKeptADayAtTheEdgeAndWhatNoPurgeReachesIsNotKept()
    {
        await using var api = new ApiFactory().With("Cdn:Provider", "varnish").With("Cdn:Varnish:Nodes:0", "http://127.0.0.1:9")
            .With("Cdn:SharedMaxAgeSeconds", "43200");
        var (editor, reader, slug, id) = await PublishedAsync(api);

        using var article = await reader.GetAsync("/v1/articles/" + slug);
        Assert.Equal("public, max-age=60, s-maxage=43200, stale-while-revalidate=600, stale-if-error=86400", article.Headers.CacheControl!.ToString());
        Assert.Equal($"article-{id:N} slug-{slug}", article.Headers.GetValues("Surrogate-Key").Single());
        Assert.False(article.Headers.Contains("Cache-Tag"));
        using var list = await reader.GetAsync("/v1/articles");
        Assert.Equal("articles", list.Headers.GetValues("Surrogate-Key").Single());

        using var missing = await reader.GetAsync("/v1/articles/edge-never-published");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("public, max-age=60, s-maxage=43200, stale-while-revalidate=600, stale-if-error=86400", missing.Headers.CacheControl!.ToString());
        Assert.Equal("slug-edge-never-published", missing.Headers.GetValues("Surrogate-Key").Single());
        Assert.Contains("Accept-Language", missing.Headers.Vary);
        using var noSection = await reader.GetAsync($"/v1/articles/{slug}/sections/overview");
        Assert.Equal(HttpStatusCode.NotFound, noSection.StatusCode);
        Assert.Equal("slug-" + slug, noSection.Headers.GetValues("Surrogate-Key").Single());

        using var managed = await editor.GetAsync($"/v1/manage/articles/{id}");
        Assert.Equal(HttpStatusCode.OK, managed.StatusCode);
        Assert.Equal("no-store, private", managed.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task WithoutAProviderAnswersKeepTodaysHeadersAndA404IsRevalidated()
    {
        await using var api = new ApiFactory();
        var (editor, reader, slug, id) = await PublishedAsync(api);

        using var article = await reader.GetAsync("/v1/articles/" + slug);
        Assert.Equal(Today, article.Headers.CacheControl!.ToString());
        Assert.Equal($"article-{id:N} slug-{slug}", article.Headers.GetValues("Surrogate-Key").Single());
        using var missing = await reader.GetAsync("/v1/articles/edge-never-published");
        Assert.Equal("no-cache", missing.Headers.CacheControl!.ToString());
        Assert.Equal("slug-edge-never-published", missing.Headers.GetValues("Surrogate-Key").Single());
        using var managed = await editor.GetAsync($"/v1/manage/articles/{id}");
        Assert.Null(managed.Headers.CacheControl);

        // With no destination, nothing waits: purges written are pruned.
        await ThroughVarnish.AllAcknowledgedAsync(api.ConnectionString);
    }

    /// <summary>Starts the API and publishes one article; the editor and reader clients live as long as the API.</summary>
    private static async Task<(HttpClient Editor, HttpClient Reader, string Slug, Guid Id)> PublishedAsync(ApiFactory api)
    {
        await api.InitializeAsync();
        var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var slug = Articles.NewSlug("edge-headers");
        return (editor, api.Client(null), slug, await Articles.PublishedAsync(editor, reviewer, slug));
    }

    [Theory]
    [InlineData("akamai", "Cdn:Provider must be one of none, varnish, fastly, cloudflare")]
    [InlineData("varnish", "Cdn:Varnish:Nodes must list at least one http(s) base URL")]
    [InlineData("fastly", "Cdn:Fastly:ServiceId and Cdn:Fastly:Token are required")]
    public async Task AnUnusableCdnConfigurationStopsTheStartWithTheReason(string provider, string reason)
    {
        await using var api = new ApiFactory().With("Cdn:Provider", provider);
        var failure = await Assert.ThrowsAnyAsync<Exception>(api.InitializeAsync);
        Assert.Contains(reason, failure.ToString(), StringComparison.Ordinal);
    }
}
