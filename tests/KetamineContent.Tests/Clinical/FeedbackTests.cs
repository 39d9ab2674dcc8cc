using System.Net;
using System.Net.Http.Json;
using Dapper;
using KetamineContent.Tests.EditorialConsole;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Clinical;

/// <summary>Reader feedback: anyone sends it, nothing personal is kept, editors see and handle it (API and console).</summary>
public sealed class FeedbackTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Hostile = "<script>alert(1)</script> The <b>side effects</b> part was unclear.";

    [Fact]
    public async Task AReaderSendsFeedbackThatEditorsSeeCountedAndMarkHandledWithAWebhook()
    {
        using var editorKeyClient = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var slug = Articles.NewSlug("feedback");
        var id = await Articles.PublishedAsync(editorKeyClient, reviewer, slug);
        using var reader = api.Client(null);

        var sent = await reader.PostAsJsonAsync($"/v1/articles/{slug}/feedback", new { helpful = false, comment = Hostile, sectionKind = "side_effects" });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var feedbackId = (await sent.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Accepted, (await reader.PostAsJsonAsync($"/v1/articles/{slug}/feedback", new { helpful = true })).StatusCode);

        var summary = await (await editorKeyClient.GetAsync($"/v1/manage/articles/{id}/feedback")).JsonAsync();
        Assert.Equal(1, summary.GetProperty("helpful").GetInt32());
        Assert.Equal(1, summary.GetProperty("notHelpful").GetInt32());
        var revision = summary.GetProperty("revisions").EnumerateArray().Single();
        Assert.Equal((1, 1, 1), (revision.GetProperty("revision").GetInt32(), revision.GetProperty("helpful").GetInt32(), revision.GetProperty("notHelpful").GetInt32()));
        var comment = summary.GetProperty("comments").EnumerateArray().Single();
        Assert.Equal(Hostile, comment.GetProperty("comment").GetString());
        Assert.Equal("side_effects", comment.GetProperty("sectionKind").GetString());

        await using var db = await api.OpenDatabaseAsync();
        // Nothing of the reader is kept but the day's hash: no column of the row holds the address.
        var row = await db.QuerySingleAsync<string>("SELECT row_to_json(f)::text FROM reader_feedback f WHERE id = @feedbackId", new { feedbackId });
        Assert.DoesNotContain("127.0.0.1", row, StringComparison.Ordinal);
        Assert.Equal(32, await db.ExecuteScalarAsync<int>("SELECT length(address_hash) FROM reader_feedback WHERE id = @feedbackId", new { feedbackId }));
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT count(DISTINCT address_hash) FROM reader_feedback WHERE article_id = @id", new { id }));

        var handled = await (await editorKeyClient.PostAsync($"/v1/manage/articles/{id}/feedback/{feedbackId}/handled", null)).JsonAsync();
        Assert.True(handled.TryGetProperty("handledAt", out var at) && at.ValueKind == System.Text.Json.JsonValueKind.String);
        var open = await (await editorKeyClient.GetAsync($"/v1/manage/articles/{id}/feedback?handled=false")).JsonAsync();
        Assert.Empty(open.GetProperty("comments").EnumerateArray());
        await (await editorKeyClient.PostAsync($"/v1/manage/articles/{id}/feedback/{Guid.NewGuid()}/handled", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await editorKeyClient.GetAsync($"/v1/manage/articles/{Guid.NewGuid()}/feedback")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM audit_log WHERE action = 'feedback.handled' AND article_id = @id", new { id }));
        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.GetAsync($"/v1/manage/articles/{id}/feedback")).StatusCode);
    }

    [Fact]
    public async Task EditorsGetAFeedbackCreatedWebhook()
    {
        await using var receiver = await KetamineContent.Tests.Webhooks.Receiver.StartAsync();
        await using var hooked = new ApiFactory().With("Webhooks:AllowPrivateTargets", "true").With("Webhooks:PollIntervalSeconds", "0.1");
        await hooked.InitializeAsync();
        using var admin = hooked.Client(ApiFactory.AdminKey);
        await (await admin.PostAsJsonAsync("/v1/manage/webhooks", new { url = receiver.Url, events = new[] { "feedback.created" } })).JsonAsync();
        using var reader = hooked.Client(null);
        var feedbackId = (await (await reader.PostAsJsonAsync("/v1/articles/ketamine-for-anxiety/feedback", new { helpful = true, sectionKind = "side_effects" })).JsonAsync())
            .GetProperty("id").GetGuid();

        await ClinicalApi.EventuallyAsync(() => Task.FromResult(!receiver.Received.IsEmpty), "the feedback.created delivery");
        var payload = System.Text.Json.JsonDocument.Parse(Assert.Single(receiver.Received).Body).RootElement;
        Assert.Equal("feedback.created", payload.GetProperty("type").GetString());
        var data = payload.GetProperty("data");
        Assert.Equal("ketamine-for-anxiety", data.GetProperty("slug").GetString());
        Assert.Equal(feedbackId, data.GetProperty("feedbackId").GetGuid());
        Assert.True(data.GetProperty("helpful").GetBoolean());
        Assert.Equal("side_effects", data.GetProperty("sectionKind").GetString());
    }

    [Theory]
    [InlineData("{\"comment\":\"no verdict\"}")]
    [InlineData("{\"helpful\":\"yes\"}")]
    [InlineData("{\"helpful\":true,\"sectionKind\":\"gossip\"}")]
    [InlineData("{\"helpful\":true,\"sectionKind\":\"evidence\"}")] // a kind the article has no section of
    [InlineData("{\"helpful\":true,\"comment\":\"a\\u0000b\"}")]
    [InlineData("TOO_LONG")]
    public async Task BadFeedbackIs400AndNothingIsWritten(string body)
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var slug = Articles.NewSlug("refused");
        var id = await Articles.PublishedAsync(editor, reviewer, slug);
        using var reader = api.Client(null);
        var json = body == "TOO_LONG" ? System.Text.Json.JsonSerializer.Serialize(new { helpful = false, comment = new string('x', 1001) }) : body;
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        await (await reader.PostAsync($"/v1/articles/{slug}/feedback", content)).AssertProblemAsync(HttpStatusCode.BadRequest);
        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM reader_feedback WHERE article_id = @id", new { id }));
    }

    [Fact]
    public async Task FeedbackOnAWithdrawnArticleIs410AndOnAnUnknownOne404()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var slug = Articles.NewSlug("withdrawn");
        var id = await Articles.PublishedAsync(editor, reviewer, slug);
        await (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{id}/unpublish", new { reason = "safety", replacementSlug = "ketamine-for-anxiety" })).JsonAsync();
        using var reader = api.Client(null);
        await (await reader.PostAsJsonAsync($"/v1/articles/{slug}/feedback", new { helpful = true })).AssertProblemAsync(HttpStatusCode.Gone);
        await (await reader.PostAsJsonAsync("/v1/articles/no-such-article/feedback", new { helpful = true })).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnAddressOverTheDailyLimitGets429()
    {
        await using var limited = new ApiFactory().With("Feedback:MaxPerAddressPerDay", "2");
        await limited.InitializeAsync();
        using var reader = limited.Client(null);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await reader.PostAsJsonAsync("/v1/articles/ketamine-for-anxiety/feedback", new { helpful = true })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
        await using var db = await limited.OpenDatabaseAsync();
        Assert.Equal(2, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM reader_feedback"));
    }

    [Fact]
    public async Task TheConsolesReviewPageShowsTheCommentsAsTextAndMarksThemHandled()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var slug = Articles.NewSlug("console-feedback");
        var id = await Articles.PublishedAsync(editor, reviewer, slug);
        using var reader = api.Client(null);
        var feedbackId = (await (await reader.PostAsJsonAsync($"/v1/articles/{slug}/feedback", new { helpful = false, comment = Hostile })).JsonAsync()).GetProperty("id").GetGuid();

        using var browser = new ConsoleBrowser(api.Client(null).BaseAddress!);
        await browser.SignInAsync(await api.KeyAsync("editor"));
        var page = await browser.PageAsync($"/console/articles/{id}/review");
        Assert.Contains("Reader feedback", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", page, StringComparison.Ordinal);

        using var marked = await browser.PostAsync($"/console/articles/{id}/review", [new("_handler", $"feedback-{feedbackId}")]);
        Assert.True(marked.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"got {(int)marked.StatusCode}");
        await using var db = await api.OpenDatabaseAsync();
        Assert.NotNull(await db.ExecuteScalarAsync<DateTime?>("SELECT handled_at FROM reader_feedback WHERE id = @feedbackId", new { feedbackId }));
    }
}
