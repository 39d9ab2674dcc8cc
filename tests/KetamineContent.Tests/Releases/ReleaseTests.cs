using System.Net;
using System.Net.Http.Json;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Releases;

public sealed class ReleaseTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AReleasePublishesOnlyWhenEveryItemMayAndRevertsToWhatReadersSawBefore()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        using var reader = api.Client(null);
        var tag = "rel" + Guid.NewGuid().ToString("N")[..8];
        var changedSlug = Articles.NewSlug("release-changed");
        var changed = await ReleaseCalls.PublishedWithReviewedDraftAsync(editor, reviewer, changedSlug, tag, "Ketamine and sleep", "Ketamine and sleep, revised");
        var newSlug = Articles.NewSlug("release-new");
        var (fresh, _, _) = await Articles.CreateAsync(editor, newSlug);
        await (await Articles.ReviewAsync(reviewer, fresh, 1)).JsonAsync();
        var (blocked, _, _) = await Articles.CreateAsync(editor, Articles.NewSlug("release-blocked"));
        var task = await (await Workflow.Tasks.CreateAsync(reviewer, blocked, "Check the dose wording", revision: 1)).JsonAsync();

        var (release, etag) = await ReleaseCalls.CreateAsync(editor);
        var url = $"/v1/manage/releases/{release}";
        await (await ReleaseCalls.SendAsync(editor, HttpMethod.Post, url + "/items", null, new { articleId = changed, revision = 2 })).AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await ReleaseCalls.SendAsync(editor, HttpMethod.Post, url + "/items", "\"r9\"", new { articleId = changed, revision = 2 })).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await ReleaseCalls.SendAsync(editor, HttpMethod.Post, url + "/items", etag, new { articleId = changed, revision = 7 })).AssertProblemAsync(HttpStatusCode.NotFound);
        etag = await ReleaseCalls.AddAsync(editor, release, etag, changed, 1);
        etag = await ReleaseCalls.AddAsync(editor, release, etag, changed, 2); // one revision per article: replaced
        etag = await ReleaseCalls.AddAsync(editor, release, etag, fresh, 1);
        etag = await ReleaseCalls.AddAsync(editor, release, etag, blocked, 1);
        var view = await (await editor.GetAsync(url)).JsonAsync();
        Assert.Equal(3, view.GetProperty("items").GetArrayLength());
        Assert.Equal(2, view.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("articleId").GetGuid() == changed).GetProperty("revision").GetInt32());

        var validation = await (await editor.PostAsync(url + "/validate", null)).JsonAsync();
        Assert.False(validation.GetProperty("publishable").GetBoolean());
        var reasons = validation.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("articleId").GetGuid() == blocked).GetProperty("reasons")
            .EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Contains(reasons, r => r.Contains("sign-off", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains(task.GetProperty("id").GetString()!, StringComparison.Ordinal));
        Assert.All(validation.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("articleId").GetGuid() != blocked),
            i => Assert.Empty(i.GetProperty("reasons").EnumerateArray()));

        await (await ReleaseCalls.SendAsync(editor, HttpMethod.Post, url + "/publish", etag, new { })).AssertProblemAsync(HttpStatusCode.Forbidden);
        var refused = await (await ReleaseCalls.SendAsync(reviewer, HttpMethod.Post, url + "/publish", etag, new { })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Check the dose wording", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Ketamine and sleep", (await (await reader.GetAsync($"/v1/articles/{changedSlug}")).JsonAsync()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/v1/articles/{newSlug}")).StatusCode);

        var removed = await ReleaseCalls.SendAsync(editor, HttpMethod.Delete, $"{url}/items/{blocked}", etag);
        await removed.JsonAsync();
        etag = removed.Headers.ETag!.Tag;
        var published = await ReleaseCalls.SendAsync(reviewer, HttpMethod.Post, url + "/publish", etag, new { });
        var after = await published.JsonAsync();
        Assert.Equal("published", after.GetProperty("state").GetString());
        Assert.Equal(1, after.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("articleId").GetGuid() == changed).GetProperty("previousRevision").GetInt32());
        Assert.Equal("Ketamine and sleep, revised", await Served.TitleAsync(reader, changedSlug, "Ketamine and sleep, revised"));
        Assert.Equal(HttpStatusCode.OK, await Served.StatusAsync(reader, newSlug, HttpStatusCode.OK));
        await (await ReleaseCalls.SendAsync(editor, HttpMethod.Post, $"{url}/items", published.Headers.ETag!.Tag, new { articleId = blocked, revision = 1 }))
            .AssertProblemAsync(HttpStatusCode.Conflict);

        var reverted = await ReleaseCalls.SendAsync(reviewer, HttpMethod.Post, url + "/revert", published.Headers.ETag!.Tag);
        Assert.Equal("reverted", (await reverted.JsonAsync()).GetProperty("state").GetString());
        Assert.Equal("Ketamine and sleep", await Served.TitleAsync(reader, changedSlug, "Ketamine and sleep"));
        Assert.Equal(HttpStatusCode.NotFound, await Served.StatusAsync(reader, newSlug, HttpStatusCode.NotFound));
        await (await ReleaseCalls.SendAsync(reviewer, HttpMethod.Post, url + "/revert", reverted.Headers.ETag!.Tag)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await ReleaseCalls.SendAsync(reviewer, HttpMethod.Post, url + "/publish", reverted.Headers.ETag!.Tag, new { })).AssertProblemAsync(HttpStatusCode.Conflict);

        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal(["release.published", "release.reverted"],
            await db.QueryAsync<string>("SELECT type FROM outbox_event WHERE release_id = @release ORDER BY id", new { release }));
        var payload = await db.ExecuteScalarAsync<string>("SELECT payload::text FROM outbox_event WHERE release_id = @release AND type = 'release.published'", new { release });
        Assert.Contains(changedSlug, payload, StringComparison.Ordinal);
        Assert.Contains("release.item_removed", await db.QueryAsync<string>("SELECT action FROM audit_log WHERE release_id = @release", new { release }));
        var list = await (await editor.GetAsync("/v1/manage/releases?state=reverted")).JsonAsync();
        Assert.Contains(list.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == release && r.GetProperty("itemCount").GetInt32() == 2);
        await (await editor.GetAsync("/v1/manage/releases?state=gone")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task BadReleaseRequestsAre4xxAndWriteNothing()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        await (await editor.PostAsJsonAsync("/v1/manage/releases", new { title = " " })).AssertProblemAsync(HttpStatusCode.BadRequest);
        var (release, etag) = await ReleaseCalls.CreateAsync(editor);
        var url = $"/v1/manage/releases/{release}";
        await (await ReleaseCalls.SendAsync(editor, HttpMethod.Post, url + "/items", etag, new { articleId = Guid.Empty, revision = 0 })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await ReleaseCalls.SendAsync(editor, HttpMethod.Delete, $"{url}/items/{Guid.NewGuid()}", etag)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await ReleaseCalls.SendAsync(reviewer, HttpMethod.Post, url + "/publish", etag, new { })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await ReleaseCalls.SendAsync(reviewer, HttpMethod.Post, url + "/publish", etag, new { at = "soon" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await ReleaseCalls.SendAsync(reviewer, HttpMethod.Post, url + "/revert", etag)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await editor.GetAsync($"/v1/manage/releases/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await editor.PostAsync($"/v1/manage/releases/{Guid.NewGuid()}/validate", null)).AssertProblemAsync(HttpStatusCode.NotFound);

        var view = await (await editor.GetAsync(url)).JsonAsync();
        Assert.Equal("open", view.GetProperty("state").GetString());
        Assert.Empty(view.GetProperty("items").EnumerateArray());
        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal(["release.created"], await db.QueryAsync<string>("SELECT action FROM audit_log WHERE release_id = @release", new { release }));
    }

    [Fact]
    public async Task AReleaseOfTwoHundredArticlesPublishesThemAllInOneGoAndRefusesAnotherArticle()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        using var reader = api.Client(null);
        var tag = "full" + Guid.NewGuid().ToString("N")[..8];
        var ids = new List<Guid>();
        var slugs = new List<string>();
        for (var i = 0; i <= ReleaseLimit; i++)
        {
            slugs.Add(Articles.NewSlug("release-full"));
            var created = await editor.PostAsJsonAsync("/v1/manage/articles", ReleaseCalls.Body(slugs[^1], $"Ketamine and sleep {i}", tag));
            var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
            await (await Articles.ReviewAsync(reviewer, id, 1)).JsonAsync();
            ids.Add(id);
        }

        var (release, etag) = await ReleaseCalls.CreateAsync(editor, "Two hundred articles");
        foreach (var id in ids.Take(ReleaseLimit))
        {
            etag = await ReleaseCalls.AddAsync(editor, release, etag, id, 1);
        }

        var url = $"/v1/manage/releases/{release}";
        var full = await (await ReleaseCalls.SendAsync(editor, HttpMethod.Post, url + "/items", etag, new { articleId = ids[^1], revision = 1 }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("at most 200", full.GetProperty("detail").GetString(), StringComparison.Ordinal);
        etag = await ReleaseCalls.AddAsync(editor, release, etag, ids[0], 1); // replacing an item's revision is not a new article

        var published = await ReleaseCalls.SendAsync(reviewer, HttpMethod.Post, url + "/publish", etag, new { });
        var view = await published.JsonAsync();
        Assert.Equal("published", view.GetProperty("state").GetString());
        Assert.Equal(ReleaseLimit, view.GetProperty("items").GetArrayLength());

        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal(ReleaseLimit, await db.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM article WHERE id = ANY(@ids) AND published_revision IS NOT NULL", new { ids = ids.ToArray() }));
        var listed = await (await reader.GetAsync($"/v1/articles?tag={tag}&count=true&limit=1")).JsonAsync();
        Assert.Equal(ReleaseLimit, listed.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/v1/articles/{slugs[^1]}")).StatusCode);
    }

    private const int ReleaseLimit = 200;
}
