using Dapper;
using KetamineContent.Api.Delivery;
using Npgsql;

namespace KetamineContent.Api.Sync;

public enum SyncOutcome
{
    Page,
    Gone,
}

/// <summary>The sync feed: a snapshot first, then changes since a feed number. Exact under concurrent publishing.</summary>
public sealed class SyncReader(KetamineContent.Api.Data.DeliverySource dataSource)
{
    private byte[]? _secret;

    public async Task<byte[]> SecretAsync(CancellationToken ct)
    {
        if (_secret is null)
        {
            await using var c = await dataSource.OpenAsync(ct);
            _secret = await c.ExecuteScalarAsync<byte[]>(new CommandDefinition(SyncSql.Secret, cancellationToken: ct));
        }

        return _secret!;
    }

    public async Task<(SyncOutcome Outcome, SyncPage? Page)> ReadAsync(SyncCursor? cursor, string? topic, string? locale, int limit, CancellationToken ct)
    {
        var secret = await SecretAsync(ct);
        await using var c = await dataSource.OpenAsync(ct);
        // One snapshot for every statement of the page: a change committed between them (a release of many articles)
        // is then in the page wholly or not at all.
        await using var tx = await c.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var state = await c.QuerySingleAsync<StateRow>(new CommandDefinition(SyncSql.State, transaction: tx, cancellationToken: ct));
        if (cursor is null || cursor.Snapshot)
        {
            // Every change numbered up to the high-water mark committed before this read, so the snapshot holds them all;
            // anything later is replayed by the delta phase.
            var highWater = cursor?.Seq ?? state.LastSeq;
            var rows = (await c.QueryAsync<ArticleRow>(new CommandDefinition(SyncSql.SnapshotPage,
                new { AfterId = cursor?.AfterId, Topic = topic, Locale = locale, Take = limit + 1 }, tx, cancellationToken: ct))).AsList();
            var more = rows.Count > limit;
            if (more)
            {
                rows.RemoveAt(limit);
            }

            var next = more
                ? new SyncCursor(true, highWater, rows[^1].Id, topic, locale)
                : new SyncCursor(false, highWater, null, topic, locale);
            return (SyncOutcome.Page, new SyncPage(rows.Select(r => DeliveryMapping.ToDocument(r)).ToList(), [], next.Encode(secret), more));
        }

        if (cursor.Seq < state.Horizon)
        {
            return (SyncOutcome.Gone, null);
        }

        var changes = (await c.QueryAsync<ChangeRow>(new CommandDefinition(SyncSql.Changes,
            new { After = cursor.Seq, Upto = state.LastSeq, Topic = topic, Locale = locale, Take = limit + 1 }, tx, cancellationToken: ct))).AsList();
        var hasMore = changes.Count > limit;
        if (hasMore)
        {
            changes.RemoveAt(limit);
            if (changes[^1].Xact is { } xact)
            {
                // The page may grow past limit rather than end inside one transaction (a release reaches the client whole).
                changes.AddRange(await c.QueryAsync<ChangeRow>(new CommandDefinition(SyncSql.RestOfTransaction,
                    new { After = changes[^1].Seq, Upto = state.LastSeq, Xact = xact, Topic = topic, Locale = locale }, tx, cancellationToken: ct)));
                hasMore = await c.ExecuteScalarAsync<bool>(new CommandDefinition(SyncSql.AnyChangeAfter,
                    new { After = changes[^1].Seq, Upto = state.LastSeq, Topic = topic, Locale = locale }, tx, cancellationToken: ct));
            }
        }

        var upto = hasMore ? changes[^1].Seq : Math.Max(cursor.Seq, state.LastSeq);
        var latest = changes.GroupBy(ch => ch.ArticleId).Select(g => g.Last()).ToList();
        var upsertIds = latest.Where(ch => ch.Action == "upsert").Select(ch => ch.ArticleId).ToArray();
        var current = upsertIds.Length == 0
            ? []
            : (await c.QueryAsync<ArticleRow>(new CommandDefinition(SyncSql.PublishedByIds, new { Ids = upsertIds }, tx, cancellationToken: ct)))
                .ToDictionary(r => r.Id);

        var items = new List<ArticleDocument>();
        var deleted = new List<SyncDeleted>();
        foreach (var change in latest)
        {
            if (change.Action == "delete")
            {
                deleted.Add(new SyncDeleted(change.ArticleId, change.Slug, change.Locale, change.Reason ?? "unpublished", DeliveryMapping.Utc(change.At), change.ReplacementSlug, Replacement(change.ReplacementSlug)));
            }
            else if (current.TryGetValue(change.ArticleId, out var row))
            {
                if ((topic is null || row.Topic == topic) && (locale is null || row.Locale == locale))
                {
                    items.Add(DeliveryMapping.ToDocument(row));
                }
                else
                {
                    deleted.Add(new SyncDeleted(change.ArticleId, change.Slug, change.Locale, "moved", DeliveryMapping.Utc(change.At), null, null));
                }
            }

            // Not published any more: a later change (a delete) reaches the client from this cursor on.
        }

        var nextCursor = new SyncCursor(false, upto, null, topic, locale).Encode(secret);
        return (SyncOutcome.Page, new SyncPage(items, deleted, nextCursor, hasMore));
    }

    public static string? Replacement(string? slug) => slug is null ? null : $"/v1/articles/{slug}";

    private sealed class StateRow
    {
        public long LastSeq { get; init; }
        public long Horizon { get; init; }
    }

    private sealed class ChangeRow
    {
        public long Seq { get; init; }
        public Guid ArticleId { get; init; }
        public string Action { get; init; } = "";
        public string Slug { get; init; } = "";
        public string Locale { get; init; } = "";
        public string? Reason { get; init; }
        public string? ReplacementSlug { get; init; }
        public DateTime At { get; init; }
        public string? Xact { get; init; }
    }
}
