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

    /// <summary>
    /// The deadlock is built step by step, never by timing: PostgreSQL looks for a cycle once, deadlock_timeout after a
    /// session starts to wait, and the session that looks is the one that fails. So the API's transaction must be the
    /// one that closes the cycle: a barrier (a SHARE lock on publication_event) holds it after it has locked the
    /// article and before it touches the schedule; meanwhile the test locks the schedule and waits for the article;
    /// then the barrier opens, the API waits for the schedule and is the one to find the cycle (the test's sessions
    /// look only after 10 minutes). A timed version of this failed a CI run under load: when more than a second passed
    /// between the API's wait and the test's, the API had already looked, and the test's own session lost.
    /// </summary>
    [Fact]
    public async Task ACommandThatLosesADeadlockIsRetriedAndSucceeds()
    {
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var id = await ScheduledArticleAsync(reviewer);
        await using var barrier = await OpenAsync(api);
        await using var other = await OpenAsync(api);

        await using var hold = await barrier.BeginTransactionAsync();
        await barrier.ExecuteAsync("LOCK TABLE publication_event IN SHARE MODE", transaction: hold);
        var publish = Articles.PublishAsync(reviewer, id, 1);
        await UntilSomeoneWaitsForAsync(barrier, publish); // the API holds the article and waits to record the publication

        await using var tx = await other.BeginTransactionAsync();
        await other.ExecuteAsync("SELECT 1 FROM scheduled_publication WHERE article_id = @id FOR UPDATE", new { id }, tx);
        var article = other.ExecuteAsync("SELECT 1 FROM article WHERE id = @id FOR UPDATE", new { id }, tx); // the other order
        await UntilWaitingAsync(other, article, publish);
        await hold.CommitAsync(); // the API goes on to the schedule and closes the cycle: it loses

        await article; // granted only because the API's first attempt was rolled back
        Assert.False(publish.IsCompleted, "the publish answered before its retry could run");
        await UntilSomeoneWaitsForAsync(other, publish); // the retry waits for the article this transaction now holds
        await tx.RollbackAsync();

        var body = await (await publish).JsonAsync();
        Assert.Equal("published", body.GetProperty("status").GetString());
        Assert.Equal(1, await other.ExecuteScalarAsync<int>("SELECT count(*) FROM publication_event WHERE article_id = @id AND action = 'published'", new { id }));
    }

    /// <summary>Two deadlocks built as in the test above; the second barrier (an exclusive lock on idempotency_record) holds
    /// the retry after it has taken its idempotency lock and before it asks for the article.</summary>
    [Fact]
    public async Task ACommandThatLosesTwoDeadlocksIsAnswered503WithRetryAfterAndWritesNothing()
    {
        using var reviewer = api.Client(await api.KeyAsync("reviewer", "reviewer twice deadlocked"));
        var id = await ScheduledArticleAsync(reviewer);
        await using var barrier = await OpenAsync(api);
        await using var secondBarrier = await OpenAsync(api);
        await using var other = await OpenAsync(api);
        var keyId = await other.ExecuteScalarAsync<Guid>("SELECT id FROM api_key WHERE name = 'reviewer twice deadlocked'");
        const string idempotencyKey = "twice-deadlocked";

        await using var hold = await barrier.BeginTransactionAsync();
        await barrier.ExecuteAsync("LOCK TABLE publication_event IN SHARE MODE", transaction: hold);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/manage/articles/{id}/publish")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { revision = 1 }),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        var publish = reviewer.SendAsync(request);
        await UntilSomeoneWaitsForAsync(barrier, publish); // holds the idempotency lock and the article

        await using var tx = await other.BeginTransactionAsync();
        await other.ExecuteAsync("SELECT 1 FROM scheduled_publication WHERE article_id = @id FOR UPDATE", new { id }, tx);
        var article = other.ExecuteAsync("SELECT 1 FROM article WHERE id = @id FOR UPDATE", new { id }, tx);
        await UntilWaitingAsync(other, article, publish);

        // The second barrier queues behind the first attempt (which has read idempotency_record) and so holds the retry.
        await using var holdRetry = await secondBarrier.BeginTransactionAsync();
        var exclusive = secondBarrier.ExecuteAsync("LOCK TABLE idempotency_record IN ACCESS EXCLUSIVE MODE", transaction: holdRetry);
        await UntilWaitingAsync(secondBarrier, exclusive, publish);
        await hold.CommitAsync(); // first deadlock: the API closes the cycle

        await article;
        await exclusive;
        Assert.False(publish.IsCompleted, "the publish answered before its retry could run");
        await UntilSomeoneWaitsForAsync(secondBarrier, publish); // the retry holds the idempotency lock and waits to read the record
        var idempotencyLock = other.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended(@KeyId::text || '/' || @Key, 7))",
            new { KeyId = keyId, Key = idempotencyKey }, tx);
        await UntilWaitingAsync(other, idempotencyLock, publish);
        await holdRetry.CommitAsync(); // second deadlock: the retry asks for the article and closes the cycle

        await idempotencyLock;
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

    /// <summary>A connection that looks for a deadlock only after 10 minutes, so the API's transaction is always the one to find it and fail.</summary>
    private static async Task<NpgsqlConnection> OpenAsync(ApiFactory factory)
    {
        var connection = await factory.OpenDatabaseAsync();
        await connection.ExecuteAsync("SET deadlock_timeout = '10min'");
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

    /// <summary>Waits until some session waits for a lock that <paramref name="holder"/>'s session holds.</summary>
    private static Task UntilSomeoneWaitsForAsync(NpgsqlConnection holder, params Task[] pending) =>
        UntilAsync(holder, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND @Pid = ANY(pg_blocking_pids(pid))", pending);

    /// <summary>Waits until <paramref name="waiter"/>'s session waits for a lock another session holds.</summary>
    private static Task UntilWaitingAsync(NpgsqlConnection waiter, params Task[] pending) =>
        UntilAsync(waiter, "SELECT cardinality(pg_blocking_pids(@Pid))", pending);

    /// <summary>
    /// Polls the lock graph until <paramref name="condition"/> counts something. A pending step that finishes instead
    /// means the engineered order broke, and fails the test. No duration decides an outcome: the deadline only ends a
    /// test that would otherwise hang.
    /// </summary>
    private static async Task UntilAsync(NpgsqlConnection session, string condition, Task[] pending)
    {
        var pid = session.ProcessID;
        await using var probe = new NpgsqlConnection(session.ConnectionString);
        await probe.OpenAsync();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (await probe.ExecuteScalarAsync<int>(condition, new { Pid = pid }) == 0)
        {
            foreach (var step in pending.Where(t => t.IsCompleted))
            {
                Assert.Fail("a step finished that should have waited for a lock: " + (step.Exception?.InnerException?.Message ?? "it completed"));
            }

            Assert.True(DateTime.UtcNow < deadline, "the lock wait did not come within 2 minutes");
            await Task.Delay(20);
        }
    }
}
