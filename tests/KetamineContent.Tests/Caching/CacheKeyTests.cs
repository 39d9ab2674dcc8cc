using System.Net;
using KetamineContent.Api.Caching;
using KetamineContent.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineContent.Tests.Caching;

/// <summary>The cache key is the representation served (format, fields, locales), never raw header text.</summary>
public sealed class CacheKeyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Path = "/v1/articles/ketamine-for-anxiety";

    private async Task<(string? Type, string Body)> GetAsync(string path, string? accept)
    {
        using var reader = api.Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var response = await reader.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("text/ld+json", "application/json", "application/ld+json", "application/ld+json")]
    [InlineData("application/ld+json", "application/ld+json", "application/json, application/ld+json;q=0", "application/json")]
    [InlineData("application/ld+json;q=0.5, application/json", "application/json", "application/ld+json", "application/ld+json")]
    public async Task EachAcceptGetsItsOwnRepresentationWhateverWasCachedBefore(string firstAccept, string firstType, string secondAccept, string secondType)
    {
        var cache = api.Services.GetRequiredService<ResponseCache>();
        cache.Clear();
        var (first, _) = await GetAsync(Path, firstAccept);
        var (second, _) = await GetAsync(Path, secondAccept);
        Assert.Equal((firstType, secondType), (first, second));

        // Answered again, now from the cache, each still gets its own.
        Assert.Equal(firstType, (await GetAsync(Path, firstAccept)).Type);
        Assert.Equal(secondType, (await GetAsync(Path, secondAccept)).Type);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public async Task OneRepresentationAskedForInDifferentWordsIsOneEntry()
    {
        var cache = api.Services.GetRequiredService<ResponseCache>();
        cache.Clear();
        var byQuery = await GetAsync(Path + "?format=jsonld", null);
        var byAccept = await GetAsync(Path, "application/ld+json");
        Assert.Equal(byQuery, byAccept);
        Assert.Equal(1, cache.Count);

        var plain = await GetAsync(Path + "?fields=title,summary", null);
        Assert.Equal(plain, await GetAsync(Path + "?fields=summary,title", "application/json"));
        Assert.Equal(plain, await GetAsync(Path + "?fields=summary,title", "text/ld+json"));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public async Task ARefusedRequestIsNotAnsweredFromTheEntryOfAValidOne()
    {
        var cache = api.Services.GetRequiredService<ResponseCache>();
        using var reader = api.Client(null);
        cache.Clear();
        await GetAsync(Path + "?format=html", null);
        await GetAsync(Path + "?locale=en", null);
        foreach (var refused in new[] { Path + "?format=html&format=html", Path + "?locale=en&locale=en", Path + "?locale=e!", Path + "?format=HTML" })
        {
            await (await reader.GetAsync(refused)).AssertProblemAsync(HttpStatusCode.BadRequest);
        }

        Assert.Equal(2, cache.Count);
    }
}
