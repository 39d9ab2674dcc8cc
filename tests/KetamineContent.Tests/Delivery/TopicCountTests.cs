using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using KetamineContent.Tests.Infrastructure;
using KetamineContent.Tests.Releases;

namespace KetamineContent.Tests.Delivery;

/// <summary>
/// /v1/topics reads counts kept by triggers (migrations/0016_topic_counts.sql) instead of counting the articles on every
/// read. These tests hold the kept counts against a count of the article table after every way an article enters or
/// leaves the published set, and under concurrent publishes and releases across topics (one lock order: no deadlock).
/// </summary>
public sealed class TopicCountTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Kept = "SELECT topic || '/' || locale || '=' || published FROM topic_count WHERE published <> 0 ORDER BY 1";

    private const string Counted = """
        SELECT topic || '/' || locale || '=' || count(*) FROM article WHERE status = 'published' GROUP BY topic, locale ORDER BY 1
        """;

    [Fact]
    public async Task TheCountsFollowPublishTopicAndLocaleChangesUnpublishArchiveAndARelease()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        await AssertKeptEqualsCountedAsync();

        var first = await Articles.PublishedAsync(editor, reviewer, Articles.NewSlug("count-a"));
        await AssertKeptEqualsCountedAsync();

        // Published in another locale, then a new revision moves it to another topic: counted there once that is published.
        var slug = Articles.NewSlug("count-b");
        var second = (await (await editor.PostAsJsonAsync("/v1/manage/articles", Body(slug, "anxiety", "de"))).JsonAsync()).GetProperty("id").GetGuid();
        await (await Articles.ReviewAsync(reviewer, second, 1)).JsonAsync();
        await (await Articles.PublishAsync(reviewer, second, 1)).JsonAsync();
        await AssertKeptEqualsCountedAsync();
        await (await Articles.ReviseAsync(editor, second, "\"1\"", Body(slug, "ptsd", "de"))).JsonAsync();
        await AssertKeptEqualsCountedAsync();
        Assert.Equal(await CountedAsync("anxiety", "de"), await ServedCountAsync("anxiety", "de"));
        await (await Articles.ReviewAsync(reviewer, second, 2)).JsonAsync();
        await (await Articles.PublishAsync(reviewer, second, 2)).JsonAsync();
        await AssertKeptEqualsCountedAsync();
        Assert.Equal(0, await ServedCountAsync("anxiety", "de"));
        Assert.Equal(1, await ServedCountAsync("ptsd", "de"));

        await (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{second}/unpublish", new { reason = "safety" })).JsonAsync();
        await AssertKeptEqualsCountedAsync();
        await (await reviewer.PostAsync($"/v1/manage/articles/{first}/archive", null)).JsonAsync();
        await AssertKeptEqualsCountedAsync();

        var items = new List<Guid>();
        foreach (var topic in new[] { "ocd", "chronic-pain", "ocd" })
        {
            var itemSlug = Articles.NewSlug("count-r");
            var (id, _, _) = await Articles.CreateAsync(editor, itemSlug);
            await (await Articles.ReviseAsync(editor, id, "\"1\"", Body(itemSlug, topic, "en"))).JsonAsync();
            await (await Articles.ReviewAsync(reviewer, id, 2)).JsonAsync();
            items.Add(id);
        }

        var (release, etag) = await ReleaseCalls.CreateAsync(editor);
        foreach (var id in items)
        {
            etag = await ReleaseCalls.AddAsync(editor, release, etag, id, 2);
        }

        var ocdBefore = await CountedAsync("ocd", null);
        var published = await ReleaseCalls.SendAsync(reviewer, HttpMethod.Post, $"/v1/manage/releases/{release}/publish", etag, new { });
        await published.JsonAsync();
        await AssertKeptEqualsCountedAsync();
        Assert.Equal(ocdBefore + 2, await CountedAsync("ocd", null));
        Assert.Equal(ocdBefore + 2, await ServedCountAsync("ocd", null));

        await (await ReleaseCalls.SendAsync(reviewer, HttpMethod.Post, $"/v1/manage/releases/{release}/revert", published.Headers.ETag!.Tag)).JsonAsync();
        await AssertKeptEqualsCountedAsync();
        Assert.Equal(ocdBefore, await ServedCountAsync("ocd", null));
    }

    [Fact]
    public async Task ConcurrentPublishesAndReleasesAcrossTopicsAnswerWithoutAServerErrorAndKeepTheCountsExact()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var topics = new[] { "anxiety", "ocd", "ptsd", "depression" };

        async Task<Guid> ReviewedAsync(string topic)
        {
            var slug = Articles.NewSlug("count-c");
            var id = (await (await editor.PostAsJsonAsync("/v1/manage/articles", Body(slug, topic, "en"))).JsonAsync()).GetProperty("id").GetGuid();
            await (await Articles.ReviewAsync(reviewer, id, 1)).JsonAsync();
            return id;
        }

        // Two releases over the same topics and single publishes of those topics beside them, all at once. A deadlock would
        // be retried by the command and answered 200, so the database's own deadlock counter is read too.
        var releases = new List<(Guid Id, string ETag)>();
        foreach (var order in new[] { topics, topics.Reverse().ToArray() })
        {
            var (release, etag) = await ReleaseCalls.CreateAsync(editor);
            foreach (var topic in order)
            {
                etag = await ReleaseCalls.AddAsync(editor, release, etag, await ReviewedAsync(topic), 1);
            }

            releases.Add((release, etag));
        }

        var singles = new List<Guid>();
        for (var i = 0; i < 16; i++)
        {
            singles.Add(await ReviewedAsync(topics[i % topics.Length]));
        }

        long Deadlocks(Npgsql.NpgsqlConnection db) => db.ExecuteScalar<long>("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()");
        await using var stats = await api.OpenDatabaseAsync();
        await stats.ExecuteAsync("SELECT pg_stat_clear_snapshot()");
        var deadlocksBefore = Deadlocks(stats);
        var calls = releases.Select(r => ReleaseCalls.SendAsync(reviewer, HttpMethod.Post, $"/v1/manage/releases/{r.Id}/publish", r.ETag, new { }))
            .Concat(singles.Select(id => Articles.PublishAsync(reviewer, id, 1)))
            .ToList();
        var answers = await Task.WhenAll(calls);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        await AssertKeptEqualsCountedAsync();

        var unpublishes = singles.Select(id => reviewer.PostAsJsonAsync($"/v1/manage/articles/{id}/unpublish", new { reason = "outdated" })).ToList();
        Assert.All(await Task.WhenAll(unpublishes), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        await AssertKeptEqualsCountedAsync();
        await Task.Delay(600); // the statistics collector flushes at most every 500 ms
        await stats.ExecuteAsync("SELECT pg_stat_clear_snapshot()");
        Assert.Equal(deadlocksBefore, Deadlocks(stats));
    }

    [Fact]
    public async Task ABulkLoadAndARestoreAreCountedToo()
    {
        // generate writes with session_replication_role = replica (triggers off) and adds its articles to the counts itself.
        var generated = await Cli.RunAsync(api.ConnectionString, "generate", "--count", "300");
        Assert.True(generated.Code == 0, generated.Output);
        await AssertKeptEqualsCountedAsync();

        var folder = Directory.CreateTempSubdirectory("kc-topic-count").FullName;
        var empty = await Cli.ExportAndRestoreAsync(api.ConnectionString, Path.Combine(folder, "export.json"));
        await using var source = await api.OpenDatabaseAsync();
        await using var target = new Npgsql.NpgsqlConnection(empty);
        Assert.Equal(await source.QueryAsync<string>(Counted), await target.QueryAsync<string>(Kept));
        Assert.Equal(await source.QueryAsync<string>(Kept), await target.QueryAsync<string>(Kept));
    }

    private static JsonNode Body(string slug, string topic, string locale)
    {
        var body = System.Text.Json.JsonSerializer.SerializeToNode(Articles.Body(slug, topic: topic))!;
        body["locale"] = locale;
        return body;
    }

    private async Task AssertKeptEqualsCountedAsync()
    {
        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal(await db.QueryAsync<string>(Counted), await db.QueryAsync<string>(Kept));
    }

    private async Task<int> CountedAsync(string topic, string? locale)
    {
        await using var db = await api.OpenDatabaseAsync();
        return await db.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM article WHERE status = 'published' AND topic = @topic AND (@locale::text IS NULL OR locale = @locale)", new { topic, locale });
    }

    /// <summary>The count /v1/topics serves, once the change notification has reached the cache (asynchronous: a few ms).</summary>
    private async Task<int> ServedCountAsync(string topic, string? locale)
    {
        using var reader = api.Client(null);
        var expected = await CountedAsync(topic, locale);
        var served = -1;
        for (var attempt = 0; attempt < 50 && served != expected; attempt++)
        {
            var list = await (await reader.GetAsync("/v1/topics" + (locale is null ? "" : "?locale=" + locale))).JsonAsync();
            served = list.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("slug").GetString() == topic).GetProperty("count").GetInt32();
            if (served != expected)
            {
                await Task.Delay(20);
            }
        }

        return served;
    }
}
