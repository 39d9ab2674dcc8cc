using System.Net;
using System.Net.Http.Json;
using Dapper;
using KetamineContent.Api.Editing;
using KetamineContent.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineContent.Tests.Workflow;

public sealed class TaskTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AnOpenTaskBlocksPublishingItsRevisionUntilResolved()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var (id, _, _) = await Articles.CreateAsync(editor, Articles.NewSlug("task-gate"));
        await (await Articles.ReviewAsync(reviewer, id, 1)).JsonAsync();

        var created = await Tasks.CreateAsync(reviewer, id, "Check the dose wording", revision: 1);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var task = await created.JsonAsync();
        var taskId = task.GetProperty("id").GetGuid();
        Assert.Equal("open", task.GetProperty("state").GetString());
        Assert.Equal("reviewer", task.GetProperty("assignee").GetString());
        var etag = created.Headers.ETag!.Tag;
        Assert.Equal(1, (await (await editor.GetAsync($"/v1/manage/articles/{id}")).JsonAsync()).GetProperty("openTasks").GetInt32());

        var refused = await (await Articles.PublishAsync(reviewer, id, 1)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Check the dose wording", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(refused.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains(taskId.ToString(), StringComparison.Ordinal));
        Assert.Equal("draft", (await (await editor.GetAsync($"/v1/manage/articles/{id}")).JsonAsync()).GetProperty("status").GetString());
        var readiness = api.Services.GetRequiredService<PublishReadiness>();
        Assert.Contains(taskId.ToString(), Assert.Single(await readiness.ReasonsAsync(id, 1, CancellationToken.None)), StringComparison.Ordinal);

        await (await Tasks.ChangeAsync(editor, id, taskId, "resolve", null)).AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await Tasks.ChangeAsync(editor, id, taskId, "resolve", "\"t9\"")).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var resolved = await Tasks.ChangeAsync(editor, id, taskId, "resolve", etag, new { note = "Reworded." });
        var done = await resolved.JsonAsync();
        Assert.Equal("resolved", done.GetProperty("state").GetString());
        Assert.Equal("Reworded.", done.GetProperty("note").GetString());
        await (await Tasks.ChangeAsync(editor, id, taskId, "resolve", resolved.Headers.ETag!.Tag)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(0, (await (await editor.GetAsync($"/v1/manage/articles/{id}")).JsonAsync()).GetProperty("openTasks").GetInt32());

        Assert.Empty(await readiness.ReasonsAsync(id, 1, CancellationToken.None));
        Assert.Equal("published", (await (await Articles.PublishAsync(reviewer, id, 1)).JsonAsync()).GetProperty("status").GetString());

        await using var db = await api.OpenDatabaseAsync();
        var events = (await db.QueryAsync<string>("SELECT type FROM outbox_event WHERE article_id = @id ORDER BY id", new { id })).ToList();
        Assert.Equal(["task.created", "task.resolved", "article.published"], events.Where(e => e != "review.signed"));
        var payload = await db.ExecuteScalarAsync<string>("SELECT payload::text FROM outbox_event WHERE article_id = @id AND type = 'task.created'", new { id });
        Assert.Contains(taskId.ToString(), payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATaskWithoutARevisionBlocksEveryRevisionAndReopeningBlocksAgain()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var (id, _, _) = await Articles.CreateAsync(editor, Articles.NewSlug("task-any"));
        await (await Articles.ReviewAsync(reviewer, id, 1)).JsonAsync();

        var created = await Tasks.CreateAsync(editor, id, "Legal check of the whole article", assignee: "admin");
        var taskId = (await created.JsonAsync()).GetProperty("id").GetGuid();
        await (await Articles.PublishAsync(reviewer, id, 1)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        var resolved = await Tasks.ChangeAsync(editor, id, taskId, "resolve", created.Headers.ETag!.Tag);
        await resolved.JsonAsync();
        var reopened = await Tasks.ChangeAsync(editor, id, taskId, "reopen", resolved.Headers.ETag!.Tag);
        Assert.Equal("open", (await reopened.JsonAsync()).GetProperty("state").GetString());
        await (await Articles.PublishAsync(reviewer, id, 1)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        var open = await (await editor.GetAsync($"/v1/manage/articles/{id}/tasks?state=open")).JsonAsync();
        Assert.Equal(taskId, open.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid());
        var resolvedList = await (await editor.GetAsync($"/v1/manage/articles/{id}/tasks?state=resolved")).JsonAsync();
        Assert.Empty(resolvedList.GetProperty("items").EnumerateArray());
        await (await editor.GetAsync($"/v1/manage/articles/{id}/tasks?state=maybe")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task BadTasksAre4xxAndWriteNothing()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var (id, _, _) = await Articles.CreateAsync(editor, Articles.NewSlug("task-bad"));

        await (await Tasks.CreateAsync(editor, id, "", "reviewer")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await Tasks.CreateAsync(editor, id, "Check", "nobody")).AssertProblemAsync(HttpStatusCode.BadRequest);
        var unknownKey = await (await Tasks.CreateAsync(editor, id, "Check", Guid.NewGuid().ToString())).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(unknownKey.GetProperty("errors").TryGetProperty("assignee", out _));
        await (await Tasks.CreateAsync(editor, id, "Check", "reviewer", revision: 7)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Tasks.CreateAsync(editor, Guid.NewGuid(), "Check", "reviewer")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await editor.PostAsJsonAsync($"/v1/manage/articles/{id}/tasks", new { title = "Check", assignee = "reviewer", due = "soon" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await Tasks.ChangeAsync(editor, id, Guid.NewGuid(), "resolve", "\"t1\"")).AssertProblemAsync(HttpStatusCode.NotFound);

        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM article_task WHERE article_id = @id", new { id }));

        // A key id works as an assignee.
        using var admin = api.Client(ApiFactory.AdminKey);
        var keyId = (await (await admin.GetAsync("/v1/manage/keys")).JsonAsync()).GetProperty("items").EnumerateArray().First().GetProperty("id").GetGuid();
        var byKey = await (await Tasks.CreateAsync(editor, id, "Check", keyId.ToString())).JsonAsync();
        Assert.Equal(keyId.ToString(), byKey.GetProperty("assignee").GetString());
    }
}

public sealed class CommentTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task CommentsAreKeptPerRevisionAndSectionAndRaiseAnEvent()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer", "reviewer one"));
        var (id, _, _) = await Articles.CreateAsync(editor, Articles.NewSlug("comments"));

        var first = await reviewer.PostAsJsonAsync($"/v1/manage/articles/{id}/comments", new { body = "Does this match current guidance?", revision = 1, sectionKind = "side_effects" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var comment = await first.JsonAsync();
        Assert.Equal("side_effects", comment.GetProperty("sectionKind").GetString());
        Assert.Equal("reviewer one", comment.GetProperty("author").GetString());
        await (await editor.PostAsJsonAsync($"/v1/manage/articles/{id}/comments", new { body = "Reworded.", revision = 1 })).JsonAsync();

        var list = await (await editor.GetAsync($"/v1/manage/articles/{id}/comments?revision=1")).JsonAsync();
        Assert.Equal(["Does this match current guidance?", "Reworded."], list.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("body").GetString()));
        Assert.Empty((await (await editor.GetAsync($"/v1/manage/articles/{id}/comments?revision=2")).JsonAsync()).GetProperty("items").EnumerateArray());

        await (await editor.PostAsJsonAsync($"/v1/manage/articles/{id}/comments", new { body = "x", revision = 1, sectionKind = "gossip" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await editor.PostAsJsonAsync($"/v1/manage/articles/{id}/comments", new { body = " ", revision = 1 })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await editor.PostAsJsonAsync($"/v1/manage/articles/{id}/comments", new { body = "x", revision = 5 })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await editor.GetAsync($"/v1/manage/articles/{Guid.NewGuid()}/comments")).AssertProblemAsync(HttpStatusCode.NotFound);

        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal(2, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM article_comment WHERE article_id = @id", new { id }));
        Assert.Equal(2, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM outbox_event WHERE article_id = @id AND type = 'comment.created'", new { id }));
        Assert.Equal(2, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM audit_log WHERE article_id = @id AND action = 'comment.created'", new { id }));
    }
}
