using System.Net;
using System.Net.Http.Json;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Sync;

/// <summary>What the feed carries (every change a reader can see) and how long (Sync:RetentionDays, then 410).</summary>
public sealed class SyncFeedTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    /// <summary>Everything published as a full sync without a cursor sees it now: id to the whole document.</summary>
    private static async Task<Dictionary<Guid, string>> PublishedNowAsync(HttpClient http)
    {
        var fresh = new SyncClient(http);
        await fresh.SyncAsync(limit: 100);
        return fresh.Documents;
    }

    [Fact]
    public async Task AfterEveryCommandADeltaSyncHoldsExactlyWhatDeliveryShows()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        using var http = api.CreateClient();
        var client = new SyncClient(http);
        await client.SyncAsync();
        var slug = Articles.NewSlug("every-change");
        var id = Guid.Empty;

        async Task Ok(HttpResponseMessage response) => await response.JsonAsync();
        var steps = new List<(string Name, Func<Task> Run)>
        {
            ("create", async () => id = (await Articles.CreateAsync(editor, slug)).Id),
            ("review 1", async () => await Ok(await Articles.ReviewAsync(reviewer, id, 1))),
            ("publish 1", async () => await Ok(await Articles.PublishAsync(reviewer, id, 1))),
            ("a new sign-off of the published revision", async () => await Ok(await Articles.ReviewAsync(reviewer, id, 1))),
            ("revise to 2", async () => await Ok(await Articles.ReviseAsync(editor, id, "\"1\"", Articles.Body(slug, "Ketamine and sleep, revised")))),
            ("review 2", async () => await Ok(await Articles.ReviewAsync(reviewer, id, 2))),
            ("publish 2", async () => await Ok(await Articles.PublishAsync(reviewer, id, 2))),
            ("restore 1 as 3", async () => await Ok(await RestoreAsync(editor, id))),
            ("review 3", async () => await Ok(await Articles.ReviewAsync(reviewer, id, 3))),
            ("schedule 3", async () => await Ok(await Articles.PublishAsync(reviewer, id, 3, DateTimeOffset.UtcNow.AddHours(1)))),
            // The scheduled publication comes due and the scheduler publishes it, by its own path (not a publish command).
            ("the scheduler publishes 3 when it is due", async () => await ScheduledPublishAsync(api, editor, id, 3)),
            ("unpublish with a reason", async () => await Ok(await reviewer.PostAsJsonAsync($"/v1/manage/articles/{id}/unpublish", new { reason = "safety" }))),
            ("archive with a reason", async () => await Ok(await reviewer.PostAsJsonAsync($"/v1/manage/articles/{id}/archive", new { reason = "outdated" }))),
            ("unarchive", async () => await Ok(await reviewer.PostAsync($"/v1/manage/articles/{id}/unarchive", null))),
            ("review 3 again", async () => await Ok(await Articles.ReviewAsync(reviewer, id, 3))),
            ("republish 3", async () => await Ok(await Articles.PublishAsync(reviewer, id, 3))),
            ("archive", async () => await Ok(await reviewer.PostAsync($"/v1/manage/articles/{id}/archive", null))),
        };

        foreach (var (name, run) in steps)
        {
            await run();
            await client.SyncAsync();
            var expected = await PublishedNowAsync(http);
            Assert.True(expected.Count == client.Documents.Count && expected.All(e => client.Documents.GetValueOrDefault(e.Key) == e.Value),
                $"after '{name}' the synced client differs from delivery: " +
                string.Join(", ", expected.Where(e => client.Documents.GetValueOrDefault(e.Key) != e.Value).Select(e => e.Key)
                    .Concat(client.Documents.Keys.Except(expected.Keys))));
        }
    }

    private static async Task ScheduledPublishAsync(ApiFactory api, HttpClient editor, Guid id, int revision)
    {
        await Editing.Schedules.ComeDueAsync(api, id);
        var article = await (await editor.GetAsync($"/v1/manage/articles/{id}")).JsonAsync();
        Assert.Equal(revision, article.GetProperty("publishedRevision").GetInt32());
        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal("done", await db.ExecuteScalarAsync<string>(
            "SELECT state FROM scheduled_publication WHERE article_id = @id AND revision = @revision ORDER BY id DESC LIMIT 1", new { id, revision }));
    }

    private static Task<HttpResponseMessage> RestoreAsync(HttpClient editor, Guid id)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/manage/articles/{id}/revisions/1/restore");
        request.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
        return editor.SendAsync(request);
    }

    [Fact]
    public async Task TheFeedIsPrunedAfterTheRetentionAndAnOlderCursorGets410()
    {
        await using var shortFeed = new ApiFactory().With("Sync:RetentionDays", (3.0 / 86400).ToString("R", System.Globalization.CultureInfo.InvariantCulture))
            .With("Sync:PruneIntervalSeconds", "0.2");
        await shortFeed.InitializeAsync();
        using var editor = shortFeed.Client(await shortFeed.KeyAsync("editor"));
        using var reviewer = shortFeed.Client(await shortFeed.KeyAsync("reviewer"));
        using var http = shortFeed.CreateClient();
        var old = new SyncClient(http);
        await old.SyncAsync();
        var oldCursor = old.Cursor!;
        var id = await Articles.PublishedAsync(editor, reviewer, Articles.NewSlug("pruned"));

        await using var db = await shortFeed.OpenDatabaseAsync();
        var seq = await db.ExecuteScalarAsync<long>("SELECT max(seq) FROM sync_change WHERE article_id = @id", new { id });
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await db.ExecuteScalarAsync<long>("SELECT horizon FROM sync_state") < seq && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM sync_change WHERE seq <= @seq", new { seq }));
        var gone = await (await http.GetAsync("/v1/sync?cursor=" + Uri.EscapeDataString(oldCursor))).AssertProblemAsync(HttpStatusCode.Gone);
        Assert.Contains("without a cursor", gone.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Starting again works, and the new cursor is good while its changes are retained.
        var fresh = new SyncClient(http);
        await fresh.SyncAsync();
        Assert.Contains(id, fresh.Held.Keys);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/sync?cursor=" + Uri.EscapeDataString(fresh.Cursor!))).StatusCode);
    }
}
