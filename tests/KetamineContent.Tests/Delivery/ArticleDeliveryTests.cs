using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Delivery;

public sealed class ArticleDeliveryTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string[] SampleSlugs =
    [
        "ketamine-for-addiction", "ketamine-and-compulsive-eating",
        "ketamine-for-depression-and-the-risk-of-dependence", "ketamine-for-anxiety",
    ];

    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task ListServesTheFourSampleArticlesAsSummariesWithoutBodies()
    {
        var body = await (await _client.GetAsync("/v1/articles")).JsonAsync();
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(SampleSlugs.Order(), items.Select(i => i.GetProperty("slug").GetString()!).Order());
        Assert.All(items, i =>
        {
            Assert.False(i.TryGetProperty("sections", out _));
            Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("title").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("summary").GetString()));
            Assert.True(i.GetProperty("publishedAt").GetDateTimeOffset() > DateTimeOffset.UnixEpoch);
        });
        Assert.Equal(JsonValueKind.Null, body.GetProperty("nextCursor").ValueKind);
    }

    [Theory]
    [InlineData("ketamine-for-addiction")]
    [InlineData("ketamine-and-compulsive-eating")]
    [InlineData("ketamine-for-depression-and-the-risk-of-dependence")]
    [InlineData("ketamine-for-anxiety")]
    public async Task EverySampleArticleHasTheThreeRequiredSectionsWithRealText(string slug)
    {
        var response = await _client.GetAsync($"/v1/articles/{slug}");
        var article = await response.JsonAsync();
        Assert.Equal(slug, article.GetProperty("slug").GetString());
        Assert.Equal(1, article.GetProperty("revision").GetInt32());
        Assert.Contains("not medical advice", article.GetProperty("disclaimer").GetString(), StringComparison.Ordinal);
        var sections = article.GetProperty("sections").EnumerateArray().ToDictionary(s => s.GetProperty("kind").GetString()!);
        foreach (var kind in new[] { "mechanism", "what_to_expect", "side_effects" })
        {
            Assert.True(sections.ContainsKey(kind), $"{slug} lacks {kind}");
            Assert.True(sections[kind].GetProperty("body").GetString()!.Length > 100, $"{slug} {kind} is too short to be real");
        }

        Assert.Contains("nausea", sections["side_effects"].GetProperty("body").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("NMDA", sections["mechanism"].GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Contains("not a real person", article.GetProperty("review").GetProperty("reviewedBy").GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Equal("en", response.Content.Headers.ContentLanguage.Single());
    }

    [Fact]
    public async Task SectionsComeInTheirStoredOrder()
    {
        var article = await (await _client.GetAsync("/v1/articles/ketamine-for-anxiety")).JsonAsync();
        var kinds = article.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("kind").GetString()!).ToArray();
        Assert.Equal(new[] { "overview", "mechanism", "what_to_expect", "evidence", "alternatives", "side_effects" }, kinds);
    }

    [Fact]
    public async Task OneSectionIsServedByKind()
    {
        var body = await (await _client.GetAsync("/v1/articles/ketamine-for-depression-and-the-risk-of-dependence/sections/risks")).JsonAsync();
        Assert.Equal("risks", body.GetProperty("section").GetProperty("kind").GetString());
        Assert.Contains("Tolerance", body.GetProperty("section").GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, body.GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task RevalidationWithTheETagAnswers304WithoutABody()
    {
        var first = await _client.GetAsync("/v1/articles/ketamine-for-anxiety");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.Contains("public", first.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.True(first.Headers.CacheControl.MaxAge > TimeSpan.Zero);

        foreach (var header in new[] { etag.Tag, "W/" + etag.Tag, "\"other\", " + etag.Tag, "*" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/articles/ketamine-for-anxiety");
            request.Headers.TryAddWithoutValidation("If-None-Match", header);
            var revalidated = await _client.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
            Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
            Assert.Equal(etag, revalidated.Headers.ETag);
        }

        using var stale = new HttpRequestMessage(HttpMethod.Get, "/v1/articles/ketamine-for-anxiety");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"not-the-current-one\""));
        var changed = await _client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await changed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ListsAndTopicsCarryETagsToo()
    {
        foreach (var path in new[] { "/v1/articles", "/v1/topics", "/v1/articles/ketamine-for-anxiety/sections/mechanism" })
        {
            var first = await _client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            using var again = new HttpRequestMessage(HttpMethod.Get, path);
            again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
            Assert.Equal(HttpStatusCode.NotModified, (await _client.SendAsync(again)).StatusCode);
        }
    }

    [Theory]
    [InlineData("/v1/articles/no-such-article")]
    [InlineData("/v1/articles/Not%20A%20Slug")]
    [InlineData("/v1/articles/ketamine-for-anxiety/sections/dosage")]
    [InlineData("/v1/articles/ketamine-for-anxiety/sections/conclusion")]
    [InlineData("/v1/articles/no-such-article/sections/mechanism")]
    public async Task UnknownSlugOrKindIs404ProblemDetails(string path)
    {
        var problem = await (await _client.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task TopicsCountPublishedArticles()
    {
        var body = await (await _client.GetAsync("/v1/topics")).JsonAsync();
        var counts = body.GetProperty("items").EnumerateArray()
            .ToDictionary(t => t.GetProperty("slug").GetString()!, t => t.GetProperty("count").GetInt32());
        Assert.Equal(2, counts["addiction"]);
        Assert.Equal(1, counts["depression"]);
        Assert.Equal(1, counts["anxiety"]);
        Assert.Equal(0, counts["ptsd"]);
    }

    [Fact]
    public async Task LiveAndReadyHealthAnswer()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health/live")).StatusCode);
        var ready = await (await _client.GetAsync("/health/ready")).JsonAsync();
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
    }

    [Fact]
    public async Task TheServerDoesNotAnnounceItself()
    {
        var response = await _client.GetAsync("/v1/articles");
        Assert.False(response.Headers.Contains("Server"));
    }
}
