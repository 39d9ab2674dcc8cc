using System.Net;
using System.Net.Http.Json;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Editing;

public sealed class IdempotencyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static HttpRequestMessage Create(string key, object body) =>
        new(HttpMethod.Post, "/v1/manage/articles") { Content = JsonContent.Create(body), Headers = { { "Idempotency-Key", key } } };

    [Fact]
    public async Task ARetryWithTheSameKeyAndBodyReturnsTheFirstResponseAndChangesNothing()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var key = Guid.NewGuid().ToString();
        var slug = Articles.NewSlug("idem");
        var body = Articles.Body(slug);

        var first = await editor.SendAsync(Create(key, body));
        var second = await editor.SendAsync(Create(key, body));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));

        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM article WHERE slug = @slug", new { slug }));
    }

    [Fact]
    public async Task ARecordOlderThanTheRetentionIsPrunedAndANewerOneKept()
    {
        await using var pruning = new ApiFactory().With("Idempotency:PruneIntervalSeconds", "0.2");
        await pruning.InitializeAsync();
        using var editor = pruning.Client(await pruning.KeyAsync("editor"));
        var (old, recent) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, (await editor.SendAsync(Create(old, Articles.Body(Articles.NewSlug("idem-old"))))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await editor.SendAsync(Create(recent, Articles.Body(Articles.NewSlug("idem-new"))))).StatusCode);

        // The first record is made older than Idempotency:RetentionHours (24 by default); the job deletes it, not the other.
        await using var db = await pruning.OpenDatabaseAsync();
        Assert.Equal(1, await db.ExecuteAsync("UPDATE idempotency_record SET created_at = now() - interval '24 hours 1 minute' WHERE idempotency_key = @old", new { old }));
        const string Count = "SELECT count(*) FROM idempotency_record WHERE idempotency_key = @key";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await db.ExecuteScalarAsync<int>(Count, new { key = old }) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal(0, await db.ExecuteScalarAsync<int>(Count, new { key = old }));
        Assert.Equal(1, await db.ExecuteScalarAsync<int>(Count, new { key = recent }));
    }

    [Fact]
    public async Task TheSameKeyWithAnotherBodyIs422()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var key = Guid.NewGuid().ToString();
        await (await editor.SendAsync(Create(key, Articles.Body(Articles.NewSlug("idem-a"))))).JsonAsync();
        var problem = await (await editor.SendAsync(Create(key, Articles.Body(Articles.NewSlug("idem-b"))))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Idempotency-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentRetriesWithOneKeyCreateOneArticle()
    {
        var editorKey = await api.KeyAsync("editor");
        var key = Guid.NewGuid().ToString();
        var slug = Articles.NewSlug("idem-c");
        var body = Articles.Body(slug);
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var editor = api.Client(editorKey);
            var r = await editor.SendAsync(Create(key, body));
            return (r.StatusCode, Body: await r.Content.ReadAsStringAsync());
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(responses.Select(r => r.Body).Distinct());
        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM article WHERE slug = @slug", new { slug }));
    }

    [Fact]
    public async Task KeysAreScopedToTheApiKeyThatUsedThem()
    {
        using var one = api.Client(await api.KeyAsync("editor"));
        using var two = api.Client(await api.KeyAsync("editor"));
        var key = Guid.NewGuid().ToString();
        await (await one.SendAsync(Create(key, Articles.Body(Articles.NewSlug("scope-a"))))).JsonAsync();
        var other = await two.SendAsync(Create(key, Articles.Body(Articles.NewSlug("scope-b"))));
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.False(other.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task ARevisionRetriedWithItsKeyIsNotA412()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var slug = Articles.NewSlug("idem-rev");
        var (id, etag, _) = await Articles.CreateAsync(editor, slug);
        var key = Guid.NewGuid().ToString();
        var first = await Articles.ReviseAsync(editor, id, etag, Articles.Body(slug, "Retried"), key);
        var retry = await Articles.ReviseAsync(editor, id, etag, Articles.Body(slug, "Retried"), key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal(2, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM revision WHERE article_id = @id", new { id }));
    }
}
