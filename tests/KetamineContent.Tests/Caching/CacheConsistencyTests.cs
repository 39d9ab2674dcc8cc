using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using KetamineContent.Api.Caching;
using KetamineContent.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineContent.Tests.Caching;

public sealed class CacheConsistencyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    /// <summary>Every route the cache answers, in the shapes that carry extra headers (Link, Content-Language, JSON-LD).</summary>
    public static TheoryData<string, string?> CachedRoutes => new()
    {
        { "/v1/articles?limit=1", null },
        { "/v1/articles?limit=2&sort=title&fields=title", null },
        { "/v1/articles/ketamine-for-anxiety", null },
        { "/v1/articles/ketamine-for-anxiety?format=html&fields=title,sections", null },
        { "/v1/articles/ketamine-for-anxiety?format=jsonld", null },
        { "/v1/articles/ketamine-for-anxiety", "application/ld+json" },
        { "/v1/articles/ketamine-for-anxiety?locale=de", null },
        { "/v1/articles/ketamine-for-anxiety/sections/side_effects?format=text", null },
        { "/v1/topics", null },
        { "/v1/topics?locale=en", null },
        { "/v1/search?q=ketamine&limit=1", null },
    };

    [Theory]
    [MemberData(nameof(CachedRoutes))]
    public async Task AHitAnswersWithExactlyTheHeadersAndBodyOfTheMiss(string path, string? accept)
    {
        var cache = api.Services.GetRequiredService<ResponseCache>();
        using var reader = api.Client(null);
        async Task<(HttpResponseMessage Response, byte[] Body)> GetAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (accept is not null)
            {
                request.Headers.TryAddWithoutValidation("Accept", accept);
            }

            var response = await reader.SendAsync(request);
            return (response, await response.Content.ReadAsByteArrayAsync());
        }

        cache.Clear();
        var (miss, missBody) = await GetAsync();
        Assert.Equal(HttpStatusCode.OK, miss.StatusCode);
        Assert.Equal(1, cache.Count);
        var (hit, hitBody) = await GetAsync();
        Assert.Equal(1, cache.Count);
        Assert.Equal(Headers(miss), Headers(hit));
        Assert.Equal(missBody, hitBody);
        if (path.StartsWith("/v1/articles?", StringComparison.Ordinal))
        {
            Assert.Contains("rel=\"next\"", hit.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UnknownOrRepeatedQueryParametersAre400AndCreateNoEntries()
    {
        var cache = api.Services.GetRequiredService<ResponseCache>();
        using var reader = api.Client(null);
        cache.Clear();
        foreach (var path in new[]
        {
            "/v1/articles?limit=1&utm_source=mail", "/v1/articles?limit=1&limit=1", "/v1/articles?Limit=1",
            "/v1/articles/ketamine-for-anxiety?x=1", "/v1/articles/ketamine-for-anxiety?slug=ketamine-for-anxiety",
            "/v1/articles/ketamine-for-anxiety?format=html&format=html", "/v1/articles/ketamine-for-anxiety/sections/risks?fields=title",
            "/v1/topics?page=2", "/v1/search?q=ketamine&q=anxiety", "/v1/search?q=ketamine&cachebuster=1",
        })
        {
            var problem = await (await reader.GetAsync(path)).AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, cache.Count);

        // One query in other spellings is one entry: parameter order, empty segments, percent-encoding.
        foreach (var path in new[] { "/v1/articles?limit=1&sort=title", "/v1/articles?sort=title&limit=1", "/v1/articles?&limit=1&&sort=title&", "/v1/articles?limit=%31&sort=%74itle" })
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(path)).StatusCode);
        }

        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task ATranslationFallbackIsDroppedWhenTheTranslationIsPublished()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        using var reader = api.Client(null);
        var slug = Articles.NewSlug("fallback");
        await Articles.PublishedAsync(editor, reviewer, slug, "In English");
        var path = $"/v1/articles/{slug}?locale=de";
        Assert.Equal("en", (await reader.GetAsync(path)).Content.Headers.ContentLanguage.Single());
        Assert.Equal("en", (await reader.GetAsync(path)).Content.Headers.ContentLanguage.Single());

        var german = JsonSerializer.SerializeToNode(Articles.Body(slug, "Auf Deutsch"))!.AsObject();
        german["locale"] = "de";
        var id = (await (await editor.PostAsJsonAsync("/v1/manage/articles", german)).JsonAsync()).GetProperty("id").GetGuid();
        await (await Articles.ReviewAsync(reviewer, id, 1)).JsonAsync();
        await (await Articles.PublishAsync(reviewer, id, 1)).JsonAsync();

        var deadline = DateTime.UtcNow.AddSeconds(5);
        string? language;
        do
        {
            await Task.Delay(25);
            language = (await reader.GetAsync(path)).Content.Headers.ContentLanguage.Single();
        }
        while (language != "de" && DateTime.UtcNow < deadline);

        Assert.Equal("de", language);
        Assert.Equal("Auf Deutsch", (await (await reader.GetAsync(path)).JsonAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task ReadinessIncludesTheListenConnection()
    {
        using var reader = api.Client(null);
        async Task<string?> ListenerStatus() =>
            JsonDocument.Parse(await (await reader.GetAsync("/health/ready")).Content.ReadAsStringAsync())
                .RootElement.GetProperty("checks").TryGetProperty("cache-invalidation", out var check) ? check.GetProperty("status").GetString() : null;
        Assert.Equal("Healthy", await ListenerStatus());

        await using (var db = await api.OpenDatabaseAsync())
        {
            await db.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ketaminecontent-listener' AND datname = current_database()");
        }

        var seen = new List<string?>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && !(seen.Contains("Unhealthy") && seen[^1] == "Healthy"))
        {
            seen.Add(await ListenerStatus());
            await Task.Delay(10);
        }

        Assert.Contains("Unhealthy", seen);
        Assert.Equal("Healthy", seen[^1]);
    }

    private static Dictionary<string, string> Headers(HttpResponseMessage response) =>
        response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key != "Date")
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
}

[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement;

/// <summary>Runs alone, so that the heap measured holds only what this test keeps.</summary>
[Collection(nameof(MemoryMeasurement))]
public sealed class CacheBudgetTests
{
    private const long Budget = 1024 * 1024;

    [Fact]
    public async Task AFloodOfDistinctUrlsKeepsTheMemoryTheCacheHoldsUnderItsBudget()
    {
        await using var api = new ApiFactory().With("Cache:MaxBytes", Budget.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await api.InitializeAsync();
        var cache = api.Services.GetRequiredService<ResponseCache>();
        using var reader = api.Client(null);
        await (await reader.GetAsync("/v1/search?q=warmup")).JsonAsync();
        cache.Clear();

        // Long distinct queries that match nothing: small bodies, long keys. 33 five-letter words make 197 characters.
        var random = new Random(4711);
        string Query() => string.Join(' ', Enumerable.Range(0, 33).Select(_ => new string(Enumerable.Range(0, 5).Select(_ => (char)('a' + random.Next(26))).ToArray())));
        var queries = Enumerable.Range(0, 4000).Select(_ => Query()).ToList();
        await Parallel.ForEachAsync(queries, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (q, ct) =>
        {
            var response = await reader.GetAsync("/v1/search?q=" + Uri.EscapeDataString(q), ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{q}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        });

        var entries = cache.Count;
        var held = GC.GetTotalMemory(forceFullCollection: true);
        cache.Clear();
        var retained = held - GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(cache.Bytes == 0, $"the cache counts {cache.Bytes} bytes after Clear");
        Assert.True(entries > 500, $"only {entries} entries were kept");
        Assert.True(retained <= Budget, $"{entries} entries held {retained} bytes, budget {Budget}");
    }
}
