using System.Net;
using System.Net.Http.Json;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Sync;

public sealed class SyncTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private async Task<Dictionary<Guid, int>> PublishedInDatabaseAsync(string? topic = null)
    {
        await using var db = await api.OpenDatabaseAsync();
        return (await db.QueryAsync<(Guid Id, int Revision)>(
                "SELECT id, published_revision FROM article WHERE status = 'published' AND (@topic::text IS NULL OR topic = @topic)", new { topic }))
            .ToDictionary(r => r.Id, r => r.Revision);
    }

    [Fact]
    public async Task AFullSyncPagesThroughEverythingPublishedThenDeltasCarryOnlyChanges()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        // An article of its own to withdraw: samples link to each other, so withdrawing one changes the others too.
        var withdrawn = await Articles.PublishedAsync(editor, reviewer, Articles.NewSlug("sync-withdrawn"));
        var client = new SyncClient(api.CreateClient());
        var requests = await client.SyncAsync(limit: 3);
        Assert.True(requests >= 2);
        Assert.Equal(await PublishedInDatabaseAsync(), client.Held);

        var slug = Articles.NewSlug("sync-new");
        var id = await Articles.PublishedAsync(editor, reviewer, slug);
        await (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{withdrawn}/unpublish", new { reason = "safety", replacementSlug = "ketamine-for-addiction" })).JsonAsync();

        var page = await (await api.CreateClient().GetAsync("/v1/sync?cursor=" + Uri.EscapeDataString(client.Cursor!))).JsonAsync();
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(id, item.GetProperty("id").GetGuid());
        Assert.Equal(3, item.GetProperty("sections").GetArrayLength());
        var deleted = Assert.Single(page.GetProperty("deleted").EnumerateArray());
        Assert.Equal(withdrawn, deleted.GetProperty("id").GetGuid());
        Assert.Equal("safety", deleted.GetProperty("reason").GetString());
        Assert.Equal("/v1/articles/ketamine-for-addiction", deleted.GetProperty("replacement").GetString());
        Assert.Equal("ketamine-for-addiction", deleted.GetProperty("replacementSlug").GetString());
        Assert.True(deleted.TryGetProperty("withdrawnAt", out _) && !deleted.TryGetProperty("at", out _), deleted.ToString());
        Assert.False(page.GetProperty("hasMore").GetBoolean());

        await client.SyncAsync();
        Assert.Equal(await PublishedInDatabaseAsync(), client.Held);
        var empty = await (await api.CreateClient().GetAsync("/v1/sync?cursor=" + Uri.EscapeDataString(client.Cursor!))).JsonAsync();
        Assert.Empty(empty.GetProperty("items").EnumerateArray());
        Assert.Empty(empty.GetProperty("deleted").EnumerateArray());
    }

    [Fact]
    public async Task ATopicFilteredClientLearnsWhenAnArticleMovesAway()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var slug = Articles.NewSlug("mover");
        var id = await Articles.PublishedAsync(editor, reviewer, slug);
        var client = new SyncClient(api.CreateClient(), "&topic=depression");
        await client.SyncAsync();
        Assert.Contains(id, client.Held.Keys);

        await (await Articles.ReviseAsync(editor, id, "\"1\"", Articles.Body(slug, topic: "anxiety"))).JsonAsync();
        await (await Articles.ReviewAsync(reviewer, id, 2)).JsonAsync();
        await (await Articles.PublishAsync(reviewer, id, 2)).JsonAsync();
        await client.SyncAsync();

        Assert.DoesNotContain(id, client.Held.Keys);
        Assert.Contains(client.LastDeleted, d => d.GetProperty("id").GetGuid() == id && d.GetProperty("reason").GetString() == "moved");
        Assert.Equal(await PublishedInDatabaseAsync("depression"), client.Held);
    }

    [Fact]
    public async Task BadCursorsAreRefusedAndExpiredOnesAre410()
    {
        using var http = api.CreateClient();
        var first = await (await http.GetAsync("/v1/sync")).JsonAsync();
        var cursor = first.GetProperty("nextCursor").GetString()!;
        var tampered = cursor[..^2] + (cursor[^2] == 'A' ? "BA" : "AA");

        await (await http.GetAsync("/v1/sync?cursor=garbage")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await http.GetAsync("/v1/sync?cursor=" + Uri.EscapeDataString(tampered))).AssertProblemAsync(HttpStatusCode.BadRequest);
        var payloadSwap = "eyJQIjoiZCIsIk4iOjAsIkEiOm51bGwsIlQiOm51bGwsIkwiOm51bGx9" + cursor[cursor.IndexOf('.', StringComparison.Ordinal)..];
        await (await http.GetAsync("/v1/sync?cursor=" + Uri.EscapeDataString(payloadSwap))).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await http.GetAsync("/v1/sync?topic=anxiety&cursor=" + Uri.EscapeDataString(cursor))).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await http.GetAsync("/v1/sync?limit=0")).AssertProblemAsync(HttpStatusCode.BadRequest);

        await using (var db = await api.OpenDatabaseAsync())
        {
            await db.ExecuteAsync("UPDATE sync_state SET last_seq = last_seq + 5, horizon = last_seq + 5");
        }

        var gone = await (await http.GetAsync("/v1/sync?cursor=" + Uri.EscapeDataString(cursor))).AssertProblemAsync(HttpStatusCode.Gone);
        Assert.Contains("without a cursor", gone.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

/// <summary>
/// The "Done when": clients syncing while editors publish, revise, withdraw and republish concurrently end up
/// exact, and after every page hold the published state at their cursor.
/// </summary>
public sealed class ConcurrentSyncTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    /// <summary>
    /// After a page whose cursor stands at feed number N: every article with no change after N must be held exactly as
    /// the feed up to N says (present with its published revision and latest sign-off after an upsert, absent after a delete or never
    /// published). Articles changed after N may be in either state. Read in one snapshot of the database.
    /// </summary>
    private async Task HoldsThePublishedStateAtItsCursorAsync(SyncClient client)
    {
        if (client.DeltaPosition() is not long n)
        {
            return;
        }

        await using var db = await api.OpenDatabaseAsync();
        await using var tx = await db.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        var changedLater = (await db.QueryAsync<Guid>("SELECT DISTINCT article_id FROM sync_change WHERE seq > @n", new { n }, tx)).ToHashSet();
        var lastUpToN = (await db.QueryAsync<(Guid Id, string Action)>(
            "SELECT DISTINCT ON (article_id) article_id, action FROM sync_change WHERE seq <= @n ORDER BY article_id, seq DESC", new { n }, tx))
            .ToDictionary(r => r.Id, r => r.Action);
        var published = (await db.QueryAsync<(Guid Id, int Revision, DateTime ReviewedAt)>("""
            SELECT a.id, a.published_revision,
                   (SELECT max(v.reviewed_at) FROM review v WHERE v.article_id = a.id AND v.revision_number = a.published_revision)
            FROM article a WHERE a.status = 'published'
            """, transaction: tx)).ToDictionary(r => r.Id, r => (r.Revision, r.ReviewedAt));
        foreach (var id in lastUpToN.Keys.Union(client.Held.Keys).Where(id => !changedLater.Contains(id)))
        {
            if (lastUpToN.GetValueOrDefault(id) == "upsert")
            {
                Assert.True(client.Held.TryGetValue(id, out var held), $"at {n} the client lacks published article {id}");
                Assert.True(published.TryGetValue(id, out var now) && now.Revision == held, $"at {n} the client holds revision {held} of {id}");
                var reviewedAt = System.Text.Json.JsonDocument.Parse(client.Documents[id]).RootElement.GetProperty("review").GetProperty("reviewedAt").GetDateTimeOffset();
                Assert.True(Math.Abs((reviewedAt.UtcDateTime - DateTime.SpecifyKind(now.ReviewedAt, DateTimeKind.Utc)).TotalMilliseconds) < 1,
                    $"at {n} the client holds the sign-off of {reviewedAt:O} of {id}, delivery shows {now.ReviewedAt:O}");
            }
            else
            {
                Assert.False(client.Held.ContainsKey(id), $"at {n} the client still holds withdrawn article {id}");
            }
        }
    }

    [Fact]
    public async Task ClientsSyncingDuringConcurrentPublishingEndUpHoldingExactlyThePublishedSet()
    {
        var editorKey = await api.KeyAsync("editor");
        var reviewerKey = await api.KeyAsync("reviewer");
        using var setupEditor = api.Client(editorKey);
        var ids = new List<(Guid Id, string Slug)>();
        for (var i = 0; i < 12; i++)
        {
            var slug = Articles.NewSlug($"conc{i}");
            var (id, _, _) = await Articles.CreateAsync(setupEditor, slug);
            ids.Add((id, slug));
        }

        var clients = Enumerable.Range(0, 3).Select(_ => new SyncClient(api.CreateClient())).ToList();
        foreach (var client in clients)
        {
            await client.SyncAsync();
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(6));
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            using var editor = api.Client(editorKey);
            using var reviewer = api.Client(reviewerKey);
            var random = new Random(w * 7919);
            var operations = 0;
            while (!stop.IsCancellationRequested)
            {
                var (id, slug) = ids[random.Next(ids.Count)];
                var state = await (await editor.GetAsync($"/v1/manage/articles/{id}")).JsonAsync();
                var status = state.GetProperty("status").GetString();
                var latest = state.GetProperty("revision").GetInt32();
                switch (random.Next(4))
                {
                    case 0:
                        await Articles.ReviewAsync(reviewer, id, latest);
                        await Articles.PublishAsync(reviewer, id, latest);
                        break;
                    case 1:
                        var revised = await Articles.ReviseAsync(editor, id, $"\"{latest}\"", Articles.Body(slug, $"Writer {w} op {operations}"));
                        if (revised.StatusCode == HttpStatusCode.Created)
                        {
                            await Articles.ReviewAsync(reviewer, id, latest + 1);
                            await Articles.PublishAsync(reviewer, id, latest + 1);
                        }

                        break;
                    case 2 when status == "published":
                        await reviewer.PostAsJsonAsync($"/v1/manage/articles/{id}/unpublish", new { reason = "safety" });
                        break;
                    case 3 when status != "archived":
                        await reviewer.PostAsync($"/v1/manage/articles/{id}/archive", null);
                        await reviewer.PostAsync($"/v1/manage/articles/{id}/unarchive", null);
                        break;
                }

                operations++;
            }

            return operations;
        })).ToList();

        var syncing = clients.Select(client => Task.Run(async () =>
        {
            var rounds = 0;
            while (!stop.IsCancellationRequested)
            {
                await client.SyncAsync(limit: 3, afterPage: HoldsThePublishedStateAtItsCursorAsync);
                rounds++;
                await Task.Delay(Random.Shared.Next(0, 20));
            }

            return rounds;
        })).ToList();

        var done = await Task.WhenAll(writers);
        var rounds = await Task.WhenAll(syncing);
        Assert.True(done.Sum() > 20, $"only {done.Sum()} operations ran");
        Assert.All(rounds, r => Assert.True(r > 3, $"a client synced only {r} times"));

        await using var db = await api.OpenDatabaseAsync();
        var published = (await db.QueryAsync<(Guid Id, int Revision)>("SELECT id, published_revision FROM article WHERE status = 'published'"))
            .ToDictionary(r => r.Id, r => r.Revision);
        Assert.True(published.Keys.Intersect(ids.Select(i => i.Id)).Any(), "nothing of the test ended up published");
        foreach (var client in clients)
        {
            await client.SyncAsync();
            Assert.Equal(published.OrderBy(p => p.Key), client.Held.OrderBy(p => p.Key));
        }
    }
}
