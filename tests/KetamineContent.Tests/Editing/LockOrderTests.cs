using System.Net;
using Dapper;
using KetamineContent.Api.Editing;
using KetamineContent.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KetamineContent.Tests.Editing;

/// <summary>
/// One lock order everywhere (article, then its schedule, then the feed number), and the database's own safety
/// nets (deadlock, serialization failure) answered as a retry and then 503, never 500. The other lock order is
/// forced from a test connection that holds real row locks.
/// </summary>
public sealed class LockOrderTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task TheSchedulerLocksTheArticleBeforeTheScheduleAsPublishingDoes()
    {
        await using var quiet = new ApiFactory().With("Review:SchedulerIntervalSeconds", "3600");
        await quiet.InitializeAsync();
        using var editor = quiet.Client(await quiet.KeyAsync("editor"));
        using var reviewer = quiet.Client(await quiet.KeyAsync("reviewer"));
        var (id, _, _) = await Articles.CreateAsync(editor, Articles.NewSlug("lock-order"));
        await (await Articles.ReviewAsync(reviewer, id, 1)).JsonAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await Articles.PublishAsync(reviewer, id, 1, DateTimeOffset.UtcNow.AddSeconds(1))).StatusCode);
        await Task.Delay(1500);
        var scheduler = quiet.Services.GetRequiredService<ScheduledPublisher>();

        // A publishing command in progress: it holds the article and is about to touch the article's schedule.
        await using var command = await OpenAsync(quiet);
        await using (var tx = await command.BeginTransactionAsync())
        {
            await command.ExecuteAsync("SELECT 1 FROM article WHERE id = @id FOR UPDATE", new { id }, tx);
            var run = Task.Run(() => scheduler.RunDueAsync(CancellationToken.None));
            await WaitUntilBlockedOrDoneAsync(command, run);
            await command.ExecuteAsync("UPDATE scheduled_publication SET outcome = outcome WHERE article_id = @id", new { id }, tx);
            Assert.Equal(0, await run); // it left the busy article alone instead of deadlocking with the command
            await tx.RollbackAsync();
        }

        Assert.Equal(1, await scheduler.RunDueAsync(CancellationToken.None));
        Assert.Equal("published", await command.ExecuteScalarAsync<string>("SELECT status FROM article WHERE id = @id", new { id }));
    }

    [Fact]
    public async Task ACommandThatLosesADeadlockIsRetriedAndSucceeds()
    {
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var id = await ScheduledArticleAsync(reviewer);

        await using var other = await OpenAsync(api);
        await using var tx = await other.BeginTransactionAsync();
        await other.ExecuteAsync("SELECT 1 FROM scheduled_publication WHERE article_id = @id FOR UPDATE", new { id }, tx);
        var publish = Articles.PublishAsync(reviewer, id, 1);
        await WaitUntilBlockedOrDoneAsync(other, publish);
        await other.ExecuteAsync("SELECT 1 FROM article WHERE id = @id FOR UPDATE", new { id }, tx); // the other order: a deadlock
        await WaitUntilBlockedOrDoneAsync(other, publish); // the retry waits for this transaction
        await tx.RollbackAsync();

        var body = await (await publish).JsonAsync();
        Assert.Equal("published", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ACommandThatLosesTwoDeadlocksIsAnswered503WithRetryAfterAndWritesNothing()
    {
        using var reviewer = api.Client(await api.KeyAsync("reviewer", "reviewer twice deadlocked"));
        var id = await ScheduledArticleAsync(reviewer);
        await using var other = await OpenAsync(api);
        var keyId = await other.ExecuteScalarAsync<Guid>("SELECT id FROM api_key WHERE name = 'reviewer twice deadlocked'");
        const string idempotencyKey = "twice-deadlocked";

        await using var tx = await other.BeginTransactionAsync();
        await other.ExecuteAsync("SELECT 1 FROM scheduled_publication WHERE article_id = @id FOR UPDATE", new { id }, tx);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/manage/articles/{id}/publish")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { revision = 1 }),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        var publish = reviewer.SendAsync(request);
        await WaitUntilBlockedOrDoneAsync(other, publish);
        await other.ExecuteAsync("SELECT 1 FROM article WHERE id = @id FOR UPDATE", new { id }, tx); // first deadlock
        await WaitUntilBlockedOrDoneAsync(other, publish); // the retry holds the idempotency lock and waits for the article
        await other.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended(@KeyId::text || '/' || @Key, 7))",
            new { KeyId = keyId, Key = idempotencyKey }, tx); // second deadlock
        await tx.RollbackAsync();

        var response = await publish;
        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("draft", await other.ExecuteScalarAsync<string>("SELECT status FROM article WHERE id = @id", new { id }));
        Assert.Equal(0, await other.ExecuteScalarAsync<int>("SELECT count(*) FROM idempotency_record WHERE key_id = @keyId", new { keyId }));
    }

    /// <summary>A reviewed draft with a publication scheduled an hour ahead (so it has a schedule row to lock).</summary>
    private async Task<Guid> ScheduledArticleAsync(HttpClient reviewer)
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var (id, _, _) = await Articles.CreateAsync(editor, Articles.NewSlug("deadlock"));
        await (await Articles.ReviewAsync(reviewer, id, 1)).JsonAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await Articles.PublishAsync(reviewer, id, 1, DateTimeOffset.UtcNow.AddHours(1))).StatusCode);
        return id;
    }

    /// <summary>A connection that never detects a deadlock itself, so the API's transaction is always the one chosen to fail.</summary>
    private static async Task<NpgsqlConnection> OpenAsync(ApiFactory factory)
    {
        var connection = await factory.OpenDatabaseAsync();
        await connection.ExecuteAsync("SET deadlock_timeout = '60s'");
        return connection;
    }

    /// <summary>Waits until another session of this database waits for a lock, or the work has finished.</summary>
    private static async Task WaitUntilBlockedOrDoneAsync(NpgsqlConnection observer, Task work)
    {
        const string Waiting = """
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'
            """;
        await using var probe = new NpgsqlConnection(observer.ConnectionString);
        await probe.OpenAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!work.IsCompleted && await probe.ExecuteScalarAsync<int>(Waiting) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "nothing blocked and nothing finished within 30 s");
            await Task.Delay(20);
        }
    }
}
