using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using KetamineContent.Tests.EditorialConsole;
using KetamineContent.Tests.Infrastructure;
using KetamineContent.Tests.Webhooks;
using KetamineContent.Tests.Workflow;

namespace KetamineContent.Tests.Editing;

/// <summary>
/// A scheduled publication answered 202 that fails its checks at the due time is never silent: audited with its reasons,
/// raised to webhooks, shown on the article and the console's dashboard until acknowledged, rescheduled or published.
/// </summary>
public sealed class ScheduledFailureTests
{
    private static ApiFactory Api() => new ApiFactory()
        .With("Webhooks:AllowPrivateTargets", "true")
        .With("Webhooks:PollIntervalSeconds", "0.1")
        .With("Review:SchedulerIntervalSeconds", "3600");

    /// <summary>A reviewed draft scheduled an hour ahead, then blocked by an open task before the time comes.</summary>
    private static async Task<(Guid Id, string Title, Guid TaskId, string TaskETag)> ScheduledThenBlockedAsync(ApiFactory api, HttpClient editor, HttpClient reviewer)
    {
        var title = "Ketamine and sleep " + Guid.NewGuid().ToString("N")[..8];
        var (id, _, _) = await Articles.CreateAsync(editor, Articles.NewSlug("fails-later"), title);
        await (await Articles.ReviewAsync(reviewer, id, 1)).JsonAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await Articles.PublishAsync(reviewer, id, 1, DateTimeOffset.UtcNow.AddHours(1))).StatusCode);
        var task = await Tasks.CreateAsync(editor, id, "Recheck the dosing paragraph", "reviewer");
        Assert.Equal(HttpStatusCode.Created, task.StatusCode);
        var taskId = (await task.JsonAsync()).GetProperty("id").GetGuid();
        await Schedules.ComeDueAsync(api, id);
        return (id, title, taskId, task.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task AScheduledPublishThatFailsAtItsDueTimeIsAuditedRaisedAndShownUntilAcknowledged()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var api = Api();
        await api.InitializeAsync();
        using (var admin = api.Client(ApiFactory.AdminKey))
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/v1/manage/webhooks", new { url = receiver.Url, events = new[] { "article.publish_failed" } })).StatusCode);
        }

        var editorKey = await api.KeyAsync("editor");
        using var editor = api.Client(editorKey);
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var (id, title, _, _) = await ScheduledThenBlockedAsync(api, editor, reviewer);

        // Not published; the reasons are those a publish asked for now is refused with.
        var refused = await (await Articles.PublishAsync(reviewer, id, 1)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var refusedReasons = refused.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Contains(refusedReasons, r => r.Contains("Recheck the dosing paragraph", StringComparison.Ordinal));
        var article = await (await editor.GetAsync($"/v1/manage/articles/{id}")).JsonAsync();
        Assert.Equal("draft", article.GetProperty("status").GetString());
        var failure = article.GetProperty("publishFailure");
        Assert.Equal(1, failure.GetProperty("revision").GetInt32());
        Assert.Equal(refusedReasons, failure.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList());
        Assert.False(article.TryGetProperty("scheduled", out _));

        await using var db = await api.OpenDatabaseAsync();
        var audit = await db.QuerySingleAsync<(string Actor, string Detail)>(
            "SELECT actor, detail::text FROM audit_log WHERE article_id = @id AND action = 'article.publish_failed'", new { id });
        Assert.StartsWith("scheduled by ", audit.Actor, StringComparison.Ordinal);
        Assert.Equal(refusedReasons, JsonDocument.Parse(audit.Detail).RootElement.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList());

        // The event reaches a real receiver with the reasons.
        await WebhookTests.WaitAsync(() => Task.FromResult(!receiver.Received.IsEmpty), seconds: 60);
        var message = Assert.Single(receiver.Received);
        var payload = JsonDocument.Parse(message.Body).RootElement;
        Assert.Equal("article.publish_failed", payload.GetProperty("type").GetString());
        Assert.Equal(id, payload.GetProperty("data").GetProperty("articleId").GetGuid());
        Assert.Equal(refusedReasons, payload.GetProperty("data").GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList());

        // The console's dashboard lists it, with the reason.
        using var browser = new ConsoleBrowser(api.Client(null).BaseAddress!);
        await browser.SignInAsync(editorKey);
        var card = FailuresCard(await browser.PageAsync("/console"));
        Assert.Contains(title, card, StringComparison.Ordinal);
        Assert.Contains("Recheck the dosing paragraph", card, StringComparison.Ordinal);

        // Acknowledged (audited), it leaves both views; a second acknowledgement has nothing to acknowledge.
        var acknowledged = await editor.PostAsync($"/v1/manage/articles/{id}/publish-failure/acknowledge", null);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.False((await acknowledged.JsonAsync()).TryGetProperty("publishFailure", out _));
        Assert.False((await (await editor.GetAsync($"/v1/manage/articles/{id}")).JsonAsync()).TryGetProperty("publishFailure", out _));
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM audit_log WHERE article_id = @id AND action = 'article.publish_failure_acknowledged'", new { id }));
        Assert.DoesNotContain(title, FailuresCard(await browser.PageAsync("/console")), StringComparison.Ordinal);
        await (await editor.PostAsync($"/v1/manage/articles/{id}/publish-failure/acknowledge", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await editor.PostAsync($"/v1/manage/articles/{Guid.NewGuid()}/publish-failure/acknowledge", null)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    /// <summary>The dashboard's card of failed scheduled publications (empty when the dashboard has none).</summary>
    private static string FailuresCard(string dashboard)
    {
        var start = dashboard.IndexOf("id=\"card-failed-publications\"", StringComparison.Ordinal);
        return start < 0 ? "" : dashboard[start..dashboard.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task AFailureStaysInViewUntilTheArticleIsScheduledAgainOrPublished()
    {
        await using var api = Api();
        await api.InitializeAsync();
        var editorKey = await api.KeyAsync("editor");
        using var editor = api.Client(editorKey);
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var first = await ScheduledThenBlockedAsync(api, editor, reviewer);
        var second = await ScheduledThenBlockedAsync(api, editor, reviewer);
        var (rescheduled, published) = (first.Id, second.Id);
        foreach (var (id, _, taskId, etag) in new[] { first, second })
        {
            Assert.True((await (await editor.GetAsync($"/v1/manage/articles/{id}")).JsonAsync()).TryGetProperty("publishFailure", out _));
            await (await Tasks.ChangeAsync(editor, id, taskId, "resolve", etag)).JsonAsync();
        }

        Assert.Equal(HttpStatusCode.Accepted, (await Articles.PublishAsync(reviewer, rescheduled, 1, DateTimeOffset.UtcNow.AddHours(1))).StatusCode);

        // The console's review page shows a third one with its reasons, and its Acknowledge button clears it (the same command).
        var (third, _, _, _) = await ScheduledThenBlockedAsync(api, editor, reviewer);
        using var browser = new ConsoleBrowser(api.Client(null).BaseAddress!);
        await browser.SignInAsync(editorKey);
        var page = await browser.PageAsync($"/console/articles/{third}/review");
        Assert.Contains("Scheduled publication failed", page, StringComparison.Ordinal);
        Assert.Contains("Recheck the dosing paragraph", page, StringComparison.Ordinal);
        using var acknowledged = await browser.PostAsync($"/console/articles/{third}/review", [new("_handler", "acknowledge")]);
        Assert.True(acknowledged.StatusCode is HttpStatusCode.OK or HttpStatusCode.SeeOther, acknowledged.StatusCode.ToString());
        Assert.False((await (await editor.GetAsync($"/v1/manage/articles/{third}")).JsonAsync()).TryGetProperty("publishFailure", out _));
        Assert.Equal(HttpStatusCode.OK, (await Articles.PublishAsync(reviewer, published, 1)).StatusCode);
        foreach (var id in new[] { rescheduled, published })
        {
            Assert.False((await (await editor.GetAsync($"/v1/manage/articles/{id}")).JsonAsync()).TryGetProperty("publishFailure", out _));
        }
    }
}
