using System.Text.Json;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Edge;

/// <summary>
/// Fastly and Cloudflare are checked against their documented request forms with a local stand-in: Fastly's batch purge
/// (POST /service/{id}/purge, keys space-separated in Surrogate-Key, at most 256, the token in Fastly-Key) and
/// Cloudflare's purge by cache tags (POST /zones/{zone}/purge_cache, {"tags": [...]} of at most 30, a Bearer token,
/// "success": true in the answer). Neither service is reached from here.
/// </summary>
public sealed class ProviderPurgeTests
{
    private static ApiFactory Api(string provider, PurgeStandIn standIn, params (string Key, string Value)[] settings)
    {
        var api = new ApiFactory().With("Cdn:Provider", provider).With("Cdn:PollIntervalSeconds", "0.1")
            .With("Cdn:RetryBaseSeconds", "0.1").With("Cdn:RetryMaxSeconds", "0.3");
        foreach (var (key, value) in settings)
        {
            api.With(key, value);
        }

        return api.With($"Cdn:{(provider == "fastly" ? "Fastly" : "Cloudflare")}:BaseUrl", standIn.BaseUrl);
    }

    [Fact]
    public async Task FastlyGetsTheArticlesKeysInItsBatchPurgeFormAfterItsFailuresWereRetried()
    {
        await using var standIn = await PurgeStandIn.StartAsync();
        standIn.FailFirst = 2;
        await using var api = Api("fastly", standIn, ("Cdn:Fastly:ServiceId", "SU1Z0isxPaozGVKXdv0eY"), ("Cdn:Fastly:Token", "fastly-test-token"));
        await api.InitializeAsync();
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var slug = Articles.NewSlug("edge-fastly");
        var id = await Articles.PublishedAsync(editor, reviewer, slug);

        using var answer = await api.Client(null).GetAsync("/v1/articles/" + slug);
        Assert.Contains("s-maxage=86400", answer.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var keys = answer.Headers.GetValues("Surrogate-Key").Single();
        Assert.Equal($"article-{id:N} slug-{slug}", keys);

        var purge = await Poll.UntilAsync(() => Task.FromResult(standIn.Received.Skip(standIn.FailFirst).Any(r => r.Headers["Surrogate-Key"].Split(' ').Contains($"article-{id:N}"))), ThroughVarnish.GiveUpAfter);
        Assert.True(purge is not null, "Fastly's stand-in never got the article's key: " + string.Join(" | ", standIn.Received.Select(r => r.Path)));
        var sent = standIn.Received.Skip(standIn.FailFirst).First(r => r.Headers["Surrogate-Key"].Split(' ').Contains($"article-{id:N}"));
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/service/SU1Z0isxPaozGVKXdv0eY/purge", sent.Path);
        Assert.Equal("fastly-test-token", sent.Headers["Fastly-Key"]);
        Assert.Superset(new HashSet<string> { $"article-{id:N}", $"slug-{slug}", "articles" }, sent.Headers["Surrogate-Key"].Split(' ').ToHashSet());
        Assert.All(standIn.Received, r => Assert.True(r.Headers["Surrogate-Key"].Split(' ').Length <= 256));
        await ThroughVarnish.AllAcknowledgedAsync(api.ConnectionString);
    }

    [Fact]
    public async Task CloudflareGetsTagsInCallsOfAtMostThirtyUntilItSaysSuccessAndAnswersCarryCacheTag()
    {
        await using var standIn = await PurgeStandIn.StartAsync();
        standIn.Answer = """{"success":false,"errors":[{"code":1134,"message":"not now"}],"messages":[],"result":null}""";
        await using var api = Api("cloudflare", standIn, ("Cdn:Cloudflare:ZoneId", "023e105f4ecef8ad9ca31a8372d0c353"), ("Cdn:Cloudflare:Token", "cloudflare-test-token"));
        await api.InitializeAsync();
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var slugs = Enumerable.Range(0, 20).Select(i => Articles.NewSlug("edge-cf")).ToList();
        var ids = new List<Guid>();
        foreach (var slug in slugs)
        {
            ids.Add(await Articles.PublishedAsync(editor, reviewer, slug));
        }

        using var answer = await api.Client(null).GetAsync("/v1/articles/" + slugs[0]);
        Assert.Equal($"article-{ids[0]:N},slug-{slugs[0]}", answer.Headers.GetValues("Cache-Tag").Single());

        // "success": false is no acknowledgement: the purges wait and are sent again.
        Assert.True(await Poll.UntilAsync(() => Task.FromResult(standIn.Received.Count >= 2), ThroughVarnish.GiveUpAfter) is not null);
        await using (var db = await api.OpenDatabaseAsync())
        {
            Assert.True(await Dapper.SqlMapper.ExecuteScalarAsync<long>(db, "SELECT count(*) FROM edge_purge") > 0);
        }

        standIn.Answer = """{"success":true,"errors":[],"messages":[],"result":{"id":"023e105f4ecef8ad9ca31a8372d0c353"}}""";
        await ThroughVarnish.AllAcknowledgedAsync(api.ConnectionString);
        var tags = new HashSet<string>();
        var sizes = new List<int>();
        foreach (var request in standIn.Received)
        {
            Assert.Equal("POST", request.Method);
            Assert.Equal("/zones/023e105f4ecef8ad9ca31a8372d0c353/purge_cache", request.Path);
            Assert.Equal("Bearer cloudflare-test-token", request.Headers["Authorization"]);
            using var body = JsonDocument.Parse(request.Body);
            var batch = body.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToList();
            sizes.Add(batch.Count);
            tags.UnionWith(batch);
        }

        Assert.Superset(ids.Select(i => $"article-{i:N}").Concat(slugs.Select(s => "slug-" + s)).Append("articles").ToHashSet(), tags);
        // 20 articles' keys waited together: more than one call carries them, none more than 30.
        Assert.All(sizes, n => Assert.InRange(n, 1, 30));
        Assert.Contains(30, sizes);
    }
}
