using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using KetamineContent.Tests.Infrastructure;
using Npgsql;

namespace KetamineContent.Tests.Faults;

public sealed class ProcessFaultTests
{
    private static async Task<string> KeyAsync(ApiProcess api, string role)
    {
        using var admin = api.Client(ApiFactory.AdminKey);
        var created = await admin.PostAsJsonAsync("/v1/manage/keys", new { name = role + Guid.NewGuid().ToString("N")[..6], role });
        return (await created.JsonAsync()).GetProperty("key").GetString()!;
    }

    [Fact]
    public async Task AfterASigkillDuringWritesEveryAnsweredWriteIsWholeAndTheRecordsAgree()
    {
        var cs = await TestDatabase.CreateSeededAsync();
        var answered = new ConcurrentBag<(Guid Article, int Revision)>();
        var publishedAnswers = new ConcurrentBag<(Guid Article, int Revision)>();
        Guid scheduled;
        await using (var api = await ApiProcess.StartAsync(cs))
        {
            var editorKey = await KeyAsync(api, "editor");
            var reviewerKey = await KeyAsync(api, "reviewer");
            using var setup = api.Client(reviewerKey);
            var articles = new List<(Guid Id, string Slug)>();
            for (var i = 0; i < 8; i++)
            {
                var slug = Articles.NewSlug("kill");
                var (id, _, _) = await Articles.CreateAsync(setup, slug);
                await (await Articles.ReviewAsync(setup, id, 1)).JsonAsync();
                articles.Add((id, slug));
            }

            var (laterId, _, _) = await Articles.CreateAsync(setup, Articles.NewSlug("kill-scheduled"));
            await (await Articles.ReviewAsync(setup, laterId, 1)).JsonAsync();
            Assert.Equal(HttpStatusCode.Accepted, (await Articles.PublishAsync(setup, laterId, 1, DateTimeOffset.UtcNow.AddSeconds(4))).StatusCode);
            scheduled = laterId;

            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 12).Select(w => Task.Run(async () =>
            {
                using var editor = api.Client(editorKey);
                using var reviewer = api.Client(reviewerKey);
                var (id, slug) = articles[w % articles.Count];
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        var state = await (await editor.GetAsync($"/v1/manage/articles/{id}")).JsonAsync();
                        var latest = state.GetProperty("revision").GetInt32();
                        var revised = await Articles.ReviseAsync(editor, id, $"\"{latest}\"", Articles.Body(slug, $"Writer {w}"));
                        if (revised.StatusCode == HttpStatusCode.Created)
                        {
                            answered.Add((id, int.Parse(revised.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture)));
                            await Articles.ReviewAsync(reviewer, id, latest + 1);
                            var published = await Articles.PublishAsync(reviewer, id, latest + 1);
                            if (published.StatusCode == HttpStatusCode.OK)
                            {
                                publishedAnswers.Add((id, latest + 1));
                            }
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or Xunit.Sdk.XunitException)
                    {
                        return;
                    }
                }
            })).ToList();

            await Task.Delay(1500);
            api.Kill();
            stop.Cancel();
            await Task.WhenAll(writers);
        }

        Assert.True(answered.Count > 5, $"only {answered.Count} revisions were answered before the kill");
        await using (var db = new NpgsqlConnection(cs))
        {
            foreach (var (article, revision) in answered)
            {
                Assert.Equal(3, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM section WHERE article_id = @article AND revision_number = @revision", new { article, revision }));
            }

            Assert.Equal(0, await db.ExecuteScalarAsync<int>("""
                SELECT count(*) FROM article a
                WHERE a.latest_revision <> (SELECT coalesce(max(number), 0) FROM revision r WHERE r.article_id = a.id)
                   OR a.latest_revision <> (SELECT count(*) FROM revision r WHERE r.article_id = a.id)
                """));
            Assert.Equal(0, await db.ExecuteScalarAsync<int>("""
                SELECT count(*) FROM article a
                WHERE a.status = 'published' AND a.published_revision IS DISTINCT FROM (
                    SELECT e.revision FROM publication_event e WHERE e.article_id = a.id ORDER BY e.id DESC LIMIT 1)
                """));
            Assert.Equal(0, await db.ExecuteScalarAsync<int>("""
                SELECT count(*) FROM revision r
                WHERE r.number > 1 AND NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.article_id = r.article_id AND l.revision = r.number AND l.action = 'revision.created')
                """));
            Assert.Equal(
                await db.ExecuteScalarAsync<int>("SELECT count(*) FROM publication_event WHERE action = 'published' AND article_id IN (SELECT article_id FROM audit_log WHERE action = 'revision.created')"),
                await db.ExecuteScalarAsync<int>("SELECT count(*) FROM audit_log WHERE action = 'article.published' AND article_id IN (SELECT article_id FROM audit_log WHERE action = 'revision.created')"));
            foreach (var (article, revision) in publishedAnswers)
            {
                Assert.True(await db.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM publication_event WHERE article_id = @article AND revision = @revision AND action = 'published')", new { article, revision }));
            }
        }

        // Restarted, the API applies the scheduled publication that was pending at the kill.
        await using var restarted = await ApiProcess.StartAsync(cs);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        await using var check = new NpgsqlConnection(cs);
        while (DateTime.UtcNow < deadline && await check.ExecuteScalarAsync<string>("SELECT status FROM article WHERE id = @scheduled", new { scheduled }) != "published")
        {
            await Task.Delay(200);
        }

        Assert.Equal("published", await check.ExecuteScalarAsync<string>("SELECT status FROM article WHERE id = @scheduled", new { scheduled }));
    }

    [Fact]
    public async Task OnSigtermRequestsInFlightCompleteNewOnesAreRefusedAndTheProcessExitsInTime()
    {
        var cs = await TestDatabase.CreateSeededAsync();
        await using var api = await ApiProcess.StartAsync(cs, new Dictionary<string, string> { ["Host__ShutdownTimeoutSeconds"] = "10" });
        using var editor = api.Client(await KeyAsync(api, "editor"));
        var slug = Articles.NewSlug("term");
        var (id, etag, _) = await Articles.CreateAsync(editor, slug);

        // Writers queue on the article's row lock inside the server: they are certainly in flight when SIGTERM arrives.
        await using var blocker = new NpgsqlConnection(cs);
        await blocker.OpenAsync();
        var tx = await blocker.BeginTransactionAsync();
        await blocker.ExecuteAsync("SELECT 1 FROM article WHERE id = @id FOR UPDATE", new { id }, tx);
        var inFlight = Enumerable.Range(0, 5).Select(i => Articles.ReviseAsync(editor, id, etag, Articles.Body(slug, $"In flight {i}"))).ToList();
        await Task.Delay(700);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        api.Terminate();
        await Task.Delay(500);
        using var late = api.Client(null);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => late.GetAsync("/v1/topics"));

        await tx.RollbackAsync();
        var answers = await Task.WhenAll(inFlight);
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.PreconditionFailed, $"answered {(int)a.StatusCode}"));
        Assert.True(await api.WaitForExitAsync(TimeSpan.FromSeconds(15)), "the process did not exit after SIGTERM");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(12), $"exit took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(0, api.ExitCode);
        await using var db = new NpgsqlConnection(cs);
        Assert.Equal(2, await db.ExecuteScalarAsync<int>("SELECT latest_revision FROM article WHERE id = @id", new { id }));
    }
}

public sealed class PoolSaturationTests
{
    [Fact]
    public async Task ASaturatedPoolAnswers503QuicklyWithoutAPileUpAndRecovers()
    {
        var cs = await TestDatabase.CreateSeededAsync();
        await using var api = new ApiFactory().OnDatabase(cs + ";Maximum Pool Size=3;Timeout=1;Command Timeout=2")
            .With("Cache:Enabled", "false");
        await api.InitializeAsync();
        using var editor = api.Client(await api.KeyAsync("editor"));
        var slug = Articles.NewSlug("pool");
        var (id, etag, _) = await Articles.CreateAsync(editor, slug);

        // Hold the article's row lock: writers queue on it while holding pooled connections.
        await using var blocker = new NpgsqlConnection(cs);
        await blocker.OpenAsync();
        await using var tx = await blocker.BeginTransactionAsync();
        await blocker.ExecuteAsync("SELECT 1 FROM article WHERE id = @id FOR UPDATE", new { id }, tx);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var calls = Enumerable.Range(0, 24).Select(async i =>
        {
            var started = clock.Elapsed;
            var response = i % 2 == 0
                ? await Articles.ReviseAsync(editor, id, etag, Articles.Body(slug, $"Pool {i}"))
                : await editor.GetAsync("/v1/articles/ketamine-for-anxiety");
            return (Status: (int)response.StatusCode, Took: clock.Elapsed - started, Response: response);
        }).ToList();
        var results = await Task.WhenAll(calls);

        Assert.All(results, r => Assert.True(r.Status < 500 || r.Status == 503, $"answered {r.Status}"));
        Assert.Contains(results, r => r.Status == 503);
        foreach (var refused in results.Where(r => r.Status == 503))
        {
            await refused.Response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(refused.Response.Headers.RetryAfter);
        }

        Assert.True(results.Max(r => r.Took) < TimeSpan.FromSeconds(10), $"the slowest answer took {results.Max(r => r.Took).TotalSeconds:0.0} s");

        await tx.RollbackAsync();
        var state = await (await editor.GetAsync($"/v1/manage/articles/{id}")).JsonAsync();
        var latest = state.GetProperty("revision").GetInt32();
        Assert.Equal(HttpStatusCode.Created, (await Articles.ReviseAsync(editor, id, $"\"{latest}\"", Articles.Body(slug, "After"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/v1/articles/ketamine-for-anxiety")).StatusCode);
    }
}
