using System.Net;
using System.Net.Http.Json;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Editing;

/// <summary>The "Done when", step by step, through HTTP alone.</summary>
public sealed class EditorialFlowTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AnEditorAndAReviewerTakeAnArticleFromDraftToPublishedAndBack()
    {
        using var editor = api.Client(await api.KeyAsync("editor", "editor one"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer", "reviewer one"));
        using var admin = api.Client(ApiFactory.AdminKey);
        using var reader = api.Client(null);
        var slug = Articles.NewSlug("flow");

        // Create: 201, Location, ETag, draft revision 1, invisible to readers.
        var created = await editor.PostAsJsonAsync("/v1/manage/articles", Articles.Body(slug, "First title"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var article = await created.JsonAsync();
        var id = article.GetProperty("id").GetGuid();
        Assert.Equal($"/v1/manage/articles/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal("\"1\"", created.Headers.ETag!.Tag);
        Assert.Equal("draft", article.GetProperty("status").GetString());
        Assert.Equal(1, article.GetProperty("revision").GetInt32());
        await (await reader.GetAsync($"/v1/articles/{slug}")).AssertProblemAsync(HttpStatusCode.NotFound);

        // Revision 2 with the right ETag; a stale one is 412 naming the current revision; none is 428.
        var second = await Articles.ReviseAsync(editor, id, "\"1\"", Articles.Body(slug, "Second title", changeNote: "Retitled"));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("\"2\"", second.Headers.ETag!.Tag);
        var stale = await (await Articles.ReviseAsync(editor, id, "\"1\"", Articles.Body(slug, "Lost edit"))).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(2, stale.GetProperty("currentRevision").GetInt32());
        await (await Articles.ReviseAsync(editor, id, null, Articles.Body(slug, "No precondition"))).AssertProblemAsync(HttpStatusCode.PreconditionRequired);

        // The editor cannot publish; publishing without review is 422 listing the reason.
        await (await Articles.PublishAsync(editor, id, 2)).AssertProblemAsync(HttpStatusCode.Forbidden);
        var unreviewed = await (await Articles.PublishAsync(reviewer, id, 2)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(unreviewed.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("review", StringComparison.Ordinal));

        // Sign-off, publish revision 2: delivery serves it.
        var review = await (await Articles.ReviewAsync(reviewer, id, 2)).JsonAsync();
        Assert.True(review.GetProperty("reviewDue").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMonths(11));
        var published = await (await Articles.PublishAsync(reviewer, id, 2)).JsonAsync();
        Assert.Equal("published", published.GetProperty("status").GetString());
        Assert.Equal(2, published.GetProperty("publishedRevision").GetInt32());
        var served = await (await reader.GetAsync($"/v1/articles/{slug}")).JsonAsync();
        Assert.Equal(2, served.GetProperty("revision").GetInt32());
        Assert.Equal("Second title", served.GetProperty("title").GetString());
        Assert.Equal("Dr. Test Reviewer", served.GetProperty("review").GetProperty("reviewedBy").GetProperty("name").GetString());

        // Restore revision 1 as revision 3: stays unpublished, delivery still serves 2.
        using var restore = new HttpRequestMessage(HttpMethod.Post, $"/v1/manage/articles/{id}/revisions/1/restore");
        restore.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
        var restored = await editor.SendAsync(restore);
        Assert.Equal(HttpStatusCode.Created, restored.StatusCode);
        var afterRestore = await restored.JsonAsync();
        Assert.Equal(3, afterRestore.GetProperty("revision").GetInt32());
        Assert.Equal(2, afterRestore.GetProperty("publishedRevision").GetInt32());
        Assert.Equal("First title", afterRestore.GetProperty("title").GetString());
        Assert.Equal("Second title", (await (await reader.GetAsync($"/v1/articles/{slug}")).JsonAsync()).GetProperty("title").GetString());

        // History, diff and audit show every step.
        var history = (await (await editor.GetAsync($"/v1/manage/articles/{id}/revisions")).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], history.Select(h => h.GetProperty("number").GetInt32()));
        Assert.Equal("Retitled", history[1].GetProperty("changeNote").GetString());
        Assert.Equal("Restored revision 1", history[2].GetProperty("changeNote").GetString());
        Assert.Equal("editor one", history[0].GetProperty("author").GetString());
        Assert.True(history[1].GetProperty("published").GetBoolean());
        Assert.Equal("reviewed", history[1].GetProperty("reviewState").GetString());

        var diff = await (await editor.GetAsync($"/v1/manage/articles/{id}/revisions/2/diff/3")).JsonAsync();
        var title = Assert.Single(diff.GetProperty("fields").EnumerateArray(), f => f.GetProperty("field").GetString() == "title");
        Assert.Equal("Second title", title.GetProperty("from").GetString());
        Assert.Equal("First title", title.GetProperty("to").GetString());

        var audit = await (await admin.GetAsync($"/v1/manage/audit?articleId={id}")).JsonAsync();
        var actions = audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).Reverse().ToList();
        Assert.Equal(["article.created", "revision.created", "review.signed", "article.published", "revision.restored"], actions);
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("actor").GetString() == "reviewer one" && e.GetProperty("role").GetString() == "reviewer");
    }

    [Fact]
    public async Task TheManagedListPagesThroughEveryArticleOnce()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        for (var i = 0; i < 5; i++)
        {
            await Articles.CreateAsync(editor, Articles.NewSlug("paged-draft"));
        }

        await using var db = await api.OpenDatabaseAsync();
        var total = await Dapper.SqlMapper.ExecuteScalarAsync<int>(db, "SELECT count(*) FROM article");
        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await (await editor.GetAsync("/v1/manage/articles?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)))).JsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null && seen.Count <= total);

        Assert.Equal(total, seen.Count);
        Assert.Equal(total, seen.Distinct().Count());
        await (await editor.GetAsync("/v1/manage/articles?cursor=not-a-cursor")).AssertProblemAsync(HttpStatusCode.BadRequest);
        var listCursor = new KetamineContent.Api.Delivery.ListCursor("-published", "x", Guid.NewGuid()).Encode();
        await (await editor.GetAsync("/v1/manage/articles?cursor=" + listCursor)).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task TheDiffShowsSectionsAddedRemovedAndChangedWithALineDiff()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var slug = Articles.NewSlug("diff");
        var (id, etag, _) = await Articles.CreateAsync(editor, slug);
        var changed = Articles.Body(slug, sideEffects: "Nausea and dizziness can follow a session.\nDissociation can be distressing.");
        await (await Articles.ReviseAsync(editor, id, etag, changed)).JsonAsync();

        var diff = await (await editor.GetAsync($"/v1/manage/articles/{id}/revisions/1/diff/2")).JsonAsync();
        var section = Assert.Single(diff.GetProperty("sections").EnumerateArray());
        Assert.Equal("side_effects", section.GetProperty("kind").GetString());
        Assert.Equal("changed", section.GetProperty("change").GetString());
        var lines = section.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("op").GetString(), l.GetProperty("text").GetString())).ToList();
        Assert.Equal([("=", "Nausea and dizziness can follow a session."), ("+", "Dissociation can be distressing.")], lines);
        Assert.Empty(diff.GetProperty("fields").EnumerateArray());

        await (await editor.GetAsync($"/v1/manage/articles/{id}/revisions/1/diff/9")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PreviewRendersADraftExactlyAsDeliveryWould()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var slug = Articles.NewSlug("preview");
        var id = await Articles.PublishedAsync(editor, reviewer, slug);

        var preview = System.Text.Json.Nodes.JsonNode.Parse((await (await editor.GetAsync($"/v1/manage/articles/{id}/preview?revision=1")).JsonAsync()).GetRawText())!.AsObject();
        var delivered = await (await api.Client(null).GetAsync($"/v1/articles/{slug}")).JsonAsync();
        // Exactly the delivered article, plus the editors' plain-language scores.
        Assert.True(preview.Remove("readability"), preview.ToJsonString());
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(delivered.GetRawText()), preview), preview.ToJsonString());

        var draft = await (await editor.GetAsync($"/v1/manage/articles/{id}/preview")).JsonAsync();
        Assert.Equal(1, draft.GetProperty("revision").GetInt32());
        Assert.Equal(3, draft.GetProperty("sections").GetArrayLength());
        Assert.Equal(1, draft.GetProperty("references")[0].GetProperty("number").GetInt32());
    }
}
