using Dapper;
using KetamineContent.Api.Access;
using KetamineContent.Api.Data;
using KetamineContent.Api.Editing;
using KetamineContent.Api.Writes;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KetamineContent.Api.Workflow;

/// <summary>
/// Raises review.due (Review:DueSoonDays before a published revision's sign-off expires) and review.overdue (once it has),
/// each once per revision and sign-off. Every Review:DueCheckIntervalSeconds, one node does the round: it holds a
/// transaction-scoped advisory lock for it, and the others skip. Each notice is its own command (article lock, notice row,
/// audit, webhook event, cache notification, sync change); the notice's primary key keeps it to once whatever happens.
/// With Review:OverduePolicy=withdraw, an overdue article is unpublished with reason review-overdue in that same transaction.
/// </summary>
public sealed class ReviewDueJob(NpgsqlDataSource dataSource, IOptions<ReviewOptions> options, TimeProvider clock, ILogger<ReviewDueJob> logger)
    : PeriodicJob(clock, logger)
{
    public const string WithdrawReason = "review-overdue";
    private static readonly Actor Job = new(null, "review-due job", "system");

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.DueCheckIntervalSeconds);

    protected override Task RunRoundAsync(CancellationToken ct) => RunAsync(ct);

    /// <summary>One round; answers the number of notices this node raised (0 when another node holds the round).</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var claim = await dataSource.OpenConnectionAsync(ct);
        await using var round = await claim.BeginTransactionAsync(ct);
        if (!await claim.ExecuteScalarAsync<bool>(new CommandDefinition(ReviewDueSql.ClaimRound, transaction: round, cancellationToken: ct)))
        {
            return 0;
        }

        var raised = 0;
        while (true)
        {
            var pending = (await claim.QueryAsync<PendingNotice>(new CommandDefinition(ReviewDueSql.Pending,
                new { options.Value.DueSoonDays, Take = 100 }, round, cancellationToken: ct))).AsList();
            var progress = 0;
            foreach (var notice in pending)
            {
                progress += await TransactionConflicts.RetryOnceAsync(() => RaiseAsync(notice, ct), () => Task.CompletedTask) ? 1 : 0;
            }

            raised += progress;
            if (pending.Count < 100 || progress == 0)
            {
                break;
            }
        }

        if (raised > 0)
        {
            Logger.LogInformation("Raised {Count} review notice(s)", raised);
        }

        return raised;
    }

    private async Task<bool> RaiseAsync(PendingNotice notice, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var locked = await Publisher.LockAsync(c, tx, notice.ArticleId, ct);
        if (locked is null || await c.ExecuteScalarAsync<string?>(new CommandDefinition(ReviewDueSql.Raise,
                new { notice.ArticleId, notice.Revision, notice.ReviewDue, notice.Kind }, tx, cancellationToken: ct)) is null)
        {
            return false;
        }

        var withdraw = notice.Kind == "overdue" && options.Value.OverduePolicy == "withdraw";
        // The flag changes what readers get (review.due / review.overdue): caches and the sync feed learn of it. A withdrawal
        // tells them itself, with its reason.
        await ChangeLog.RecordAsync(c, tx, Job, "review." + notice.Kind, notice.ArticleId, notice.Revision, new { reviewDue = notice.ReviewDue },
            readersAffected: !withdraw, ct, feed: new FeedNote(locked.Topic, null, null));
        if (withdraw)
        {
            await Publisher.SetStatusAsync(c, tx, Job, locked, "draft", "unpublished", new WithdrawInput(WithdrawReason, null), ct);
        }

        await tx.CommitAsync(ct);
        return true;
    }

    private sealed class PendingNotice
    {
        public Guid ArticleId { get; init; }
        public int Revision { get; init; }
        public DateTime ReviewDue { get; init; }
        public string Kind { get; init; } = "";
    }
}
