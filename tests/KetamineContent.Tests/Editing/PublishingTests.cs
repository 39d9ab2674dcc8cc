using System.Net;
using System.Net.Http.Json;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Editing;

public sealed class PublishingTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AScheduledPublicationIsAppliedByTheJobEvenAfterARestart()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var slug = Articles.NewSlug("later");
        var (id, _, _) = await Articles.CreateAsync(editor, slug);
        await (await Articles.ReviewAsync(reviewer, id, 1)).JsonAsync();

        var at = DateTimeOffset.UtcNow.AddSeconds(6);
        var scheduled = await Articles.PublishAsync(reviewer, id, 1, at);
        Assert.Equal(HttpStatusCode.Accepted, scheduled.StatusCode);
        var body = await scheduled.JsonAsync();
        Assert.Equal("draft", body.GetProperty("status").GetString());
        Assert.Equal(1, body.GetProperty("scheduled").GetProperty("revision").GetInt32());

        // A second API process on the same database, started after the first one is gone.
        await api.DisposeAsync();
        await using var restarted = new ApiFactory().OnDatabase(api.ConnectionString);
        await restarted.InitializeAsync();
        using var reader = restarted.Client(null);
        // Before the scheduled time it is not public (on a loaded machine the restart may outlast the wait: then the read
        // made after 'at' says nothing about early publication and is not judged).
        var askedAt = DateTimeOffset.UtcNow;
        var early = (await reader.GetAsync($"/v1/articles/{slug}")).StatusCode;
        if (askedAt < at.AddMilliseconds(-200))
        {
            Assert.Equal(HttpStatusCode.NotFound, early);
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpStatusCode status;
        do
        {
            await Task.Delay(200);
            status = (await reader.GetAsync($"/v1/articles/{slug}")).StatusCode;
        }
        while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.OK, status);
        await using var db = await restarted.OpenDatabaseAsync();
        var publishedAt = await db.ExecuteScalarAsync<DateTime>("SELECT published_at FROM article WHERE id = @id", new { id });
        Assert.True(publishedAt >= at.UtcDateTime.AddMilliseconds(-1), $"published at {publishedAt:O}, scheduled for {at:O}");
        Assert.Equal("done", await db.ExecuteScalarAsync<string>("SELECT state FROM scheduled_publication WHERE article_id = @id", new { id }));
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM audit_log WHERE article_id = @id AND action = 'article.published'", new { id }));
    }
}

public sealed class WithdrawalTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task UnpublishedArchivedAndDraftArticlesNeverReachAPublicEndpoint()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        using var reader = api.Client(null);
        var draft = Articles.NewSlug("hidden-draft");
        var unpublished = Articles.NewSlug("hidden-unpublished");
        var archived = Articles.NewSlug("hidden-archived");
        await Articles.CreateAsync(editor, draft);
        var unpublishedId = await Articles.PublishedAsync(editor, reviewer, unpublished);
        var archivedId = await Articles.PublishedAsync(editor, reviewer, archived);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/v1/articles/{unpublished}")).StatusCode);

        var off = await (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{unpublishedId}/unpublish", new { reason = "safety" })).JsonAsync();
        Assert.Equal("draft", off.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, off.GetProperty("publishedRevision").ValueKind);
        await (await reviewer.PostAsync($"/v1/manage/articles/{archivedId}/archive", null)).JsonAsync();

        foreach (var slug in new[] { draft, unpublished, archived })
        {
            // Withdrawn with a reason: 410 naming it; otherwise simply not there.
            var expected = slug == unpublished ? HttpStatusCode.Gone : HttpStatusCode.NotFound;
            Assert.Equal(expected, (await reader.GetAsync($"/v1/articles/{slug}")).StatusCode);
            Assert.Equal(expected, (await reader.GetAsync($"/v1/articles/{slug}/sections/mechanism")).StatusCode);
            Assert.Equal(expected, (await reader.GetAsync($"/v1/articles/{slug}?format=jsonld")).StatusCode);
            Assert.Equal(expected, (await reader.GetAsync($"/v1/articles/{slug}?format=html")).StatusCode);
        }

        var list = await (await reader.GetAsync("/v1/articles?limit=100&tag=sleep")).JsonAsync();
        Assert.Empty(list.GetProperty("items").EnumerateArray());
        var topics = await (await reader.GetAsync("/v1/topics")).JsonAsync();
        Assert.Equal(1, topics.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("slug").GetString() == "depression").GetProperty("count").GetInt32());

        // Refused transitions are 409; unarchive brings a draft back, still unpublished.
        await (await reviewer.PostAsync($"/v1/manage/articles/{unpublishedId}/unpublish", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await Articles.PublishAsync(reviewer, archivedId, 1)).AssertProblemAsync(HttpStatusCode.Conflict);
        var back = await (await reviewer.PostAsync($"/v1/manage/articles/{archivedId}/unarchive", null)).JsonAsync();
        Assert.Equal("draft", back.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/v1/articles/{archived}")).StatusCode);

        var drafts = await (await editor.GetAsync("/v1/manage/articles?status=draft&limit=100")).JsonAsync();
        Assert.Contains(drafts.GetProperty("items").EnumerateArray(), a => a.GetProperty("slug").GetString() == archived);
        await (await editor.GetAsync("/v1/manage/articles?status=gone")).AssertProblemAsync(HttpStatusCode.BadRequest);

        await using var db = await api.OpenDatabaseAsync();
        var events = (await db.QueryAsync<(string Action, string? Reason)>(
            "SELECT action, reason FROM publication_event WHERE article_id = @unpublishedId ORDER BY id", new { unpublishedId })).ToList();
        Assert.Equal([("published", null), ("unpublished", "safety")], events);
    }

    [Fact]
    public async Task ADraftRevisionOfAPublishedArticleDoesNotChangeWhatReadersSee()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        using var reader = api.Client(null);
        var slug = Articles.NewSlug("stable");
        var id = await Articles.PublishedAsync(editor, reviewer, slug, "Published title");
        var draft = Articles.Body(slug, "Draft title", topic: "anxiety");
        await (await Articles.ReviseAsync(editor, id, "\"1\"", draft)).JsonAsync();

        var served = await (await reader.GetAsync($"/v1/articles/{slug}")).JsonAsync();
        Assert.Equal("Published title", served.GetProperty("title").GetString());
        Assert.Equal("depression", served.GetProperty("topic").GetString());
        var anxiety = await (await reader.GetAsync("/v1/articles?topic=anxiety&limit=100")).JsonAsync();
        Assert.DoesNotContain(anxiety.GetProperty("items").EnumerateArray(), a => a.GetProperty("slug").GetString() == slug);
    }

    [Fact]
    public async Task AnExpiredReviewBlocksPublishing()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var (id, _, _) = await Articles.CreateAsync(editor, Articles.NewSlug("expired"));
        await using (var db = await api.OpenDatabaseAsync())
        {
            await db.ExecuteAsync("INSERT INTO review (article_id, revision_number, reviewed_by, reviewed_at, review_due) VALUES (@id, 1, 'Old reviewer', now() - interval '2 years', now() - interval '1 year')", new { id });
        }

        var problem = await (await Articles.PublishAsync(reviewer, id, 1)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("expired", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var managed = await (await editor.GetAsync($"/v1/manage/articles/{id}")).JsonAsync();
        Assert.Equal("review_due", managed.GetProperty("reviewState").GetString());
    }
}
