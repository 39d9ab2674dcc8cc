using System.Net;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Releases;

public sealed class ScheduledReleaseTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AScheduledReleaseIsPublishedByTheSchedulerEvenAfterARestart()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var slugs = new[] { Articles.NewSlug("scheduled-a"), Articles.NewSlug("scheduled-b") };
        var (release, etag) = await ReleaseCalls.CreateAsync(editor);
        foreach (var slug in slugs)
        {
            var (id, _, _) = await Articles.CreateAsync(editor, slug);
            await (await Articles.ReviewAsync(reviewer, id, 1)).JsonAsync();
            etag = await ReleaseCalls.AddAsync(editor, release, etag, id, 1);
        }

        var at = DateTimeOffset.UtcNow.AddSeconds(5);
        var scheduled = await ReleaseCalls.SendAsync(reviewer, HttpMethod.Post, $"/v1/manage/releases/{release}/publish", etag, new { at });
        Assert.Equal(HttpStatusCode.Accepted, scheduled.StatusCode);
        var body = await scheduled.JsonAsync();
        Assert.Equal("scheduled", body.GetProperty("state").GetString());
        await (await ReleaseCalls.SendAsync(editor, HttpMethod.Post, $"/v1/manage/releases/{release}/items", scheduled.Headers.ETag!.Tag,
            new { articleId = Guid.NewGuid(), revision = 1 })).AssertProblemAsync(HttpStatusCode.Conflict);

        await api.DisposeAsync();
        await using var restarted = new ApiFactory().OnDatabase(api.ConnectionString);
        await restarted.InitializeAsync();
        using var reader = restarted.Client(null);
        // Not before its time: published_at is checked below (a first request to a cold process can take longer than the wait).

        foreach (var slug in slugs)
        {
            Assert.Equal(HttpStatusCode.OK, await Served.StatusAsync(reader, slug, HttpStatusCode.OK));
        }

        await using var db = await restarted.OpenDatabaseAsync();
        Assert.Equal("published", await db.ExecuteScalarAsync<string>("SELECT state FROM release WHERE id = @release", new { release }));
        var publishedAt = await db.ExecuteScalarAsync<DateTime>("SELECT published_at FROM release WHERE id = @release", new { release });
        Assert.True(publishedAt >= at.UtcDateTime.AddMilliseconds(-1), $"published at {publishedAt:O}, scheduled for {at:O}");
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM outbox_event WHERE release_id = @release AND type = 'release.published'", new { release }));
        // Both articles in one transaction: their sync changes carry one transaction id.
        Assert.Equal(1, await db.ExecuteScalarAsync<int>(
            "SELECT count(DISTINCT xact) FROM sync_change WHERE article_id IN (SELECT article_id FROM release_item WHERE release_id = @release)", new { release }));
    }
}
