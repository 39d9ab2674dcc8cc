using System.Net;
using System.Text.Json;
using Dapper;
using KetamineContent.Tests.Infrastructure;
using KetamineContent.Tests.Sync;

namespace KetamineContent.Tests.Workflow;

/// <summary>Reviews that come due: review.due and review.overdue raised once each, across two nodes and a restart.</summary>
public sealed class ReviewDueTests
{
    private static ApiFactory Node(string? database = null, string policy = "flag")
    {
        var node = new ApiFactory().With("Review:DueCheckIntervalSeconds", "0.2").With("Review:OverduePolicy", policy);
        return database is null ? node : node.OnDatabase(database);
    }

    /// <summary>
    /// Publishes an article whose sign-off expires in <paramref name="seconds"/>: the sign-off is written with that expiry
    /// (a real review row; the API gives 12 months), then the revision is published through the API as usual.
    /// </summary>
    private static async Task<(Guid Id, string Slug)> PublishedExpiringAsync(ApiFactory api, int seconds)
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var slug = Articles.NewSlug("due");
        var (id, _, _) = await Articles.CreateAsync(editor, slug);
        await using (var db = await api.OpenDatabaseAsync())
        {
            await db.ExecuteAsync("""
                INSERT INTO review (article_id, revision_number, reviewed_by, notes, reviewed_at, review_due)
                VALUES (@id, 1, 'Dr. Due Test', 'Signed off almost a year ago.', now() - interval '360 days', now() + make_interval(secs => @seconds))
                """, new { id, seconds });
        }

        Assert.Equal(HttpStatusCode.OK, (await Articles.PublishAsync(reviewer, id, 1)).StatusCode);
        return (id, slug);
    }

    private static async Task<Dictionary<string, int>> CountsAsync(ApiFactory api, Guid id)
    {
        await using var db = await api.OpenDatabaseAsync();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, sql) in new[]
                 {
                     ("notice.due", "SELECT count(*)::int FROM review_notice WHERE article_id = @id AND kind = 'due'"),
                     ("notice.overdue", "SELECT count(*)::int FROM review_notice WHERE article_id = @id AND kind = 'overdue'"),
                     ("event.due", "SELECT count(*)::int FROM outbox_event WHERE article_id = @id AND type = 'review.due'"),
                     ("event.overdue", "SELECT count(*)::int FROM outbox_event WHERE article_id = @id AND type = 'review.overdue'"),
                     ("audit.due", "SELECT count(*)::int FROM audit_log WHERE article_id = @id AND action = 'review.due'"),
                     ("audit.overdue", "SELECT count(*)::int FROM audit_log WHERE article_id = @id AND action = 'review.overdue'"),
                     ("withdrawn", "SELECT count(*)::int FROM outbox_event WHERE article_id = @id AND type = 'article.withdrawn'"),
                 })
        {
            counts[name] = await db.ExecuteScalarAsync<int>(sql, new { id });
        }

        return counts;
    }

    private static async Task<JsonElement> WaitForReviewAsync(HttpClient reader, string slug, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (true)
        {
            var article = await (await reader.GetAsync($"/v1/articles/{slug}")).JsonAsync();
            if (done(article.GetProperty("review")) || DateTime.UtcNow > deadline)
            {
                return article.GetProperty("review");
            }

            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task DueAndOverdueFireOnceEachAcrossTwoNodesAndARestart()
    {
        await using var first = Node();
        await first.InitializeAsync();
        await using var second = Node(first.ConnectionString);
        await second.InitializeAsync();
        using var reader = first.Client(null);
        using var otherReader = second.Client(null);

        var (id, slug) = await PublishedExpiringAsync(first, seconds: 8);

        // Within Review:DueSoonDays (30) of expiring: due, not yet overdue; both nodes serve it (the caches were told).
        var due = await WaitForReviewAsync(reader, slug, r => r.GetProperty("due").GetBoolean());
        Assert.True(due.GetProperty("due").GetBoolean());
        Assert.False(due.GetProperty("overdue").GetBoolean());
        Assert.True((await WaitForReviewAsync(otherReader, slug, r => r.GetProperty("due").GetBoolean())).GetProperty("due").GetBoolean());

        // Expired: overdue, still published under the default policy (flag).
        var overdue = await WaitForReviewAsync(reader, slug, r => r.GetProperty("overdue").GetBoolean());
        Assert.True(overdue.GetProperty("overdue").GetBoolean());
        await Task.Delay(1500); // several more rounds on both nodes
        var expected = new Dictionary<string, int>
        {
            ["notice.due"] = 1, ["notice.overdue"] = 1, ["event.due"] = 1, ["event.overdue"] = 1, ["audit.due"] = 1, ["audit.overdue"] = 1, ["withdrawn"] = 0,
        };
        Assert.Equal(expected, await CountsAsync(first, id));

        // A restart: a new node on the same database runs its rounds and raises nothing again.
        await second.DisposeAsync();
        await using var restarted = Node(first.ConnectionString);
        await restarted.InitializeAsync();
        await Task.Delay(1500);
        Assert.Equal(expected, await CountsAsync(restarted, id));
        using var restartedReader = restarted.Client(null);
        Assert.True((await (await restartedReader.GetAsync($"/v1/articles/{slug}")).JsonAsync()).GetProperty("review").GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task UnderTheWithdrawPolicyAnOverdueArticleIsUnpublishedWithTheReasonEverywhere()
    {
        await using var api = Node(policy: "withdraw");
        await api.InitializeAsync();
        using var reader = api.Client(null);
        var synced = new SyncClient(reader);
        await synced.SyncAsync(limit: 100);
        var (id, slug) = await PublishedExpiringAsync(api, seconds: 3);
        await synced.SyncAsync(limit: 100);
        Assert.True(synced.Held.ContainsKey(id));

        var deadline = DateTime.UtcNow.AddSeconds(40);
        HttpResponseMessage gone;
        while ((gone = await reader.GetAsync($"/v1/articles/{slug}")).StatusCode == HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        var problem = await gone.AssertProblemAsync(HttpStatusCode.Gone);
        Assert.Equal("review-overdue", problem.GetProperty("reason").GetString());
        await synced.SyncAsync(limit: 100);
        Assert.False(synced.Held.ContainsKey(id));
        Assert.Equal("review-overdue", synced.LastDeleted.Single(d => d.GetProperty("id").GetGuid() == id).GetProperty("reason").GetString());
        var counts = await CountsAsync(api, id);
        Assert.Equal(1, counts["event.overdue"]);
        Assert.Equal(1, counts["withdrawn"]);
    }

    [Fact]
    public async Task TheManagementListFiltersBySignOffExpiry()
    {
        await using var api = Node();
        await api.InitializeAsync();
        using var editor = api.Client(await api.KeyAsync("editor"));
        var (id, _) = await PublishedExpiringAsync(api, seconds: 3600);

        async Task<List<Guid>> IdsAsync(string before) =>
            (await (await editor.GetAsync($"/v1/manage/articles?limit=100&reviewDueBefore={Uri.EscapeDataString(before)}")).JsonAsync())
            .GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToList();

        Assert.Equal([id], await IdsAsync(DateTimeOffset.UtcNow.AddDays(1).ToString("O")));
        Assert.DoesNotContain(id, await IdsAsync(DateTimeOffset.UtcNow.ToString("O")));
        Assert.Equal(5, (await IdsAsync(DateTimeOffset.UtcNow.AddYears(2).ToString("O"))).Count);
        await (await editor.GetAsync("/v1/manage/articles?reviewDueBefore=soon")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
