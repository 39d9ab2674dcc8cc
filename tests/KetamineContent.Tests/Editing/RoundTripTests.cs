using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Editing;

/// <summary>What a client reads can be written back: the revision's content as a new revision, or a merge patch of it.</summary>
public sealed class RoundTripTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string[] Volatile = ["revision", "review", "nextReviewDue", "publishedAt", "updatedAt"];

    private static JsonNode Stable(JsonElement content)
    {
        var node = JsonNode.Parse(content.GetRawText())!.AsObject();
        foreach (var name in Volatile)
        {
            node.Remove(name);
        }

        return node;
    }

    [Fact]
    public async Task ARevisionsContentPostedBackUnchangedBecomesTheNextRevision()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var slug = Articles.NewSlug("round-trip");
        var id = await Articles.PublishedAsync(editor, reviewer, slug);

        var one = await (await editor.GetAsync($"/v1/manage/articles/{id}/revisions/1")).JsonAsync();
        var content = one.GetProperty("content");
        Assert.True(content.TryGetProperty("review", out _));
        var posted = await Articles.ReviseAsync(editor, id, "\"1\"", content);
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal("\"2\"", posted.Headers.ETag!.Tag);

        var two = await (await editor.GetAsync($"/v1/manage/articles/{id}/revisions/2")).JsonAsync();
        Assert.Equal(2, two.GetProperty("content").GetProperty("revision").GetInt32());
        Assert.True(JsonNode.DeepEquals(Stable(content), Stable(two.GetProperty("content"))), two.GetProperty("content").GetRawText());

        // Unknown fields are still refused: the read-only ones are known, a typo is not.
        var typo = JsonNode.Parse(content.GetRawText())!.AsObject();
        typo["titel"] = "Typo";
        var refused = await (await Articles.ReviseAsync(editor, id, "\"2\"", typo)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("titel", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PatchAsync(HttpClient client, Guid id, string? ifMatch, string body,
        string mediaType = "application/merge-patch+json", string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/v1/manage/articles/{id}") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task AMergePatchWithIfMatchCreatesTheNextRevisionThroughTheCommandPipeline()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var (id, etag, _) = await Articles.CreateAsync(editor, Articles.NewSlug("merge-patch"));
        const string patch = """{"title": "Ketamine and sleep, revised", "tags": null, "changeNote": "Retitled", "references": [{"title": "A study", "url": "https://example.org/study"}]}""";

        await (await PatchAsync(editor, id, null, patch)).AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await PatchAsync(editor, id, "\"7\"", patch)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var wrongType = await (await PatchAsync(editor, id, etag, patch, "application/json")).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("Send the request body as application/merge-patch+json.", wrongType.GetProperty("detail").GetString());
        await (await PatchAsync(editor, id, etag, "[1]")).AssertProblemAsync(HttpStatusCode.BadRequest);
        var invalid = await (await PatchAsync(editor, id, etag, """{"title": null, "sections": []}""")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(invalid.GetProperty("errors").TryGetProperty("title", out _));
        await (await PatchAsync(editor, id, etag, """{"title": 5}""")).AssertProblemAsync(HttpStatusCode.BadRequest);

        var patched = await PatchAsync(editor, id, etag, patch, idempotencyKey: "patch-" + id);
        var body = await patched.JsonAsync();
        Assert.Equal(HttpStatusCode.Created, patched.StatusCode);
        Assert.Equal("\"2\"", patched.Headers.ETag!.Tag);
        Assert.Equal($"/v1/manage/articles/{id}/revisions/2", patched.Headers.Location!.OriginalString);
        Assert.Equal("Ketamine and sleep, revised", body.GetProperty("title").GetString());
        var replay = await PatchAsync(editor, id, etag, patch, idempotencyKey: "patch-" + id);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));

        var two = await (await editor.GetAsync($"/v1/manage/articles/{id}/revisions/2")).JsonAsync();
        var content = two.GetProperty("content");
        Assert.Equal("Retitled", two.GetProperty("changeNote").GetString());
        Assert.Empty(content.GetProperty("tags").EnumerateArray());
        Assert.Equal(3, content.GetProperty("sections").GetArrayLength());
        var reference = Assert.Single(content.GetProperty("references").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, reference.GetProperty("doi").ValueKind);

        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal(2, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM revision WHERE article_id = @id", new { id }));
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM audit_log WHERE article_id = @id AND action = 'revision.created'", new { id }));
    }

    [Fact]
    public async Task ADuplicatedPropertyIsA400NamingItInPatchesAndPostedBodies()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var (id, etag, _) = await Articles.CreateAsync(editor, Articles.NewSlug("duplicate-keys"));

        var patched = await (await PatchAsync(editor, id, etag, """{"title":"A","title":"B"}""")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Duplicate property 'title'", patched.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var nested = await (await PatchAsync(editor, id, etag, """{"references":[{"title":"A","title":"B"}]}""")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Duplicate property 'title'", nested.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var one = await (await editor.GetAsync($"/v1/manage/articles/{id}/revisions/1")).JsonAsync();
        var body = one.GetProperty("content").GetRawText();
        var doubled = "{\"summary\":\"first\"," + body[1..];
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/manage/articles/{id}/revisions") { Content = new StringContent(doubled, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        var posted = await (await editor.SendAsync(request)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Duplicate property 'summary'", posted.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var admin = api.Client(ApiFactory.AdminKey);
        var key = await (await admin.PostAsync("/v1/manage/keys", new StringContent("""{"name":"a","name":"b","role":"editor"}""", Encoding.UTF8, "application/json")))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Duplicate property 'name'", key.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM revision WHERE article_id = @id", new { id }));
    }
}
