using System.Text;
using System.Text.Json;
using Dapper;
using KetamineContent.Api.Data;
using Npgsql;

namespace KetamineContent.Api.Cli;

/// <summary>
/// export: every table of content and workflow, every row (articles with every revision, reviews, releases, tasks, comments,
/// preview links, audit, keys as hashes, feed, webhooks, the console editors' autosaved working copies; <see cref="NotExported"/> says which tables are left out and why), as
/// one JSON document streamed row by row, each row rendered by PostgreSQL (row_to_json) in primary-key order, so the
/// same data always gives the same bytes. restore: that document into an empty, migrated database, in one transaction,
/// read as a stream and inserted in batches (memory stays flat whatever the size of the export).
/// </summary>
public static class Backup
{
    public const string Format = "ketaminecontent-export";

    /// <summary>A restore inserts at most this many rows (or about <see cref="BatchChars"/> characters) per statement.</summary>
    private const int BatchRows = 2000;

    private const int BatchChars = 4 << 20;

    /// <summary>Tables in the order a restore must insert them, with the key that orders their rows.</summary>
    private static readonly (string Table, string OrderBy)[] Tables =
    [
        ("app_secret", "name"), ("topic", "slug"), ("topic_code", "topic, position"), ("api_key", "id"), ("reviewer", "id"), ("article", "id"), ("revision", "article_id, number"),
        ("article_clinical", "article_id"), ("article_code", "article_id, position"), ("reader_feedback", "id"),
        ("section", "article_id, revision_number, position"), ("reference", "article_id, revision_number, position"),
        ("asset_blob", "sha256"), ("asset", "id"), ("revision_asset", "article_id, revision_number, asset_id"), ("article_link", "article_id, revision_number, kind, position"),
        ("console_draft", "id"), ("console_person_draft", "id"), ("review", "id"), ("review_notice", "article_id, revision_number, review_due, kind"), ("publication_event", "id"),
        ("scheduled_publication", "id"), ("release", "id"), ("release_item", "release_id, article_id"), ("article_task", "id"),
        ("article_comment", "id"), ("preview_link", "id"), ("audit_log", "id"),
        ("idempotency_record", "key_id, idempotency_key"), ("sync_state", "id"), ("sync_change", "seq"), ("search_section", "article_id, kind"),
        ("outbox_event", "id"), ("webhook_subscription", "id"), ("webhook_delivery", "id"),
    ];

    /// <summary>Tables older exports hold that a restore now reads past (their rows are not inserted): they are in <see cref="NotExported"/>.</summary>
    private static readonly HashSet<string> SkippedOnRestore = new(StringComparer.Ordinal) { "idempotency_record" };

    /// <summary>Tables an export leaves out, and why: derived from exported rows, or sessions that end with a restore.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotExported = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["schema_migrations"] = "the export names the applied migrations in its header",
        ["topic_count"] = "derived: the article triggers rebuild it as the restore inserts the articles",
        ["topic_count_pending"] = "derived: empty outside a transaction",
        ["console_session"] = "console sign-ins end with a restore; editors sign in again",
        ["console_login_link"] = "one-time sign-in links end with a restore",
        ["data_protection_key"] = "console cookie keys; new ones are made, so console sign-ins end with a restore",
        ["edge_purge"] = "purges in flight to the CDN; a restore replaces everything under the edge, so purge the edge whole after one",
        ["edge_purge_ack"] = "acknowledgements of those purges",
        ["edge_destination"] = "each CDN destination's retry state, made again on the first purge",
        ["idempotency_record"] = "stored answers (whole bodies) for retries within Idempotency:RetentionHours; a retry after a restore is a new request. " +
                                 "Older exports that hold them restore without them",
        ["feedback_salt"] = "today's salt of the feedback address hashes; a new one is made, so a restored day's hashes no longer match new ones",
    };

    /// <summary>The tables an export holds, in the order a restore inserts them.</summary>
    public static IEnumerable<string> ExportedTables => Tables.Select(t => t.Table).Where(t => !SkippedOnRestore.Contains(t));

    public static async Task<int> ExportAsync(IServiceProvider services, string[] args)
    {
        await services.GetRequiredService<MigrationRunner>().ApplyAsync();
        var outputAt = Array.IndexOf(args, "--output");
        await using var output = outputAt >= 0 && outputAt + 1 < args.Length ? File.Create(args[outputAt + 1]) : Console.OpenStandardOutput();
        await using var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        var migrations = (await connection.QueryAsync<string>("SELECT id FROM schema_migrations ORDER BY id", transaction: tx)).ToList();
        await using var writer = new StreamWriter(output, new UTF8Encoding(false)) { NewLine = "\n" };
        await writer.WriteLineAsync($"{{\"format\":\"{Format}\",\"version\":1,\"migrations\":{JsonSerializer.Serialize(migrations)},\"tables\":{{");
        var exported = Tables.Where(t => !SkippedOnRestore.Contains(t.Table)).ToArray();
        for (var t = 0; t < exported.Length; t++)
        {
            var (table, order) = exported[t];
            await writer.WriteAsync($"\"{table}\":[");
            var rows = 0;
            // Table and column names come from the fixed list above, never from input.
            using (var reader = await connection.BeginTextExportAsync($"COPY (SELECT row_to_json(t)::text FROM {table} t ORDER BY {order}) TO STDOUT"))
            {
                while (await reader.ReadLineAsync() is { } line)
                {
                    await writer.WriteAsync((rows++ == 0 ? "\n" : ",\n") + Unescape(line));
                }
            }

            await writer.WriteLineAsync("]" + (t < exported.Length - 1 ? "," : ""));
            await Console.Error.WriteLineAsync($"exported {table}: {rows} row(s)");
        }

        await writer.WriteLineAsync("}}");
        await tx.CommitAsync();
        return 0;
    }

    /// <summary>COPY text format escapes backslashes and control characters; undo that to get the JSON PostgreSQL wrote.</summary>
    private static string Unescape(string line)
    {
        if (!line.Contains('\\', StringComparison.Ordinal))
        {
            return line;
        }

        var sb = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length)
            {
                var next = line[++i];
                sb.Append(next switch { 'n' => '\n', 't' => '\t', 'r' => '\r', 'b' => '\b', 'f' => '\f', 'v' => '\v', _ => next });
            }
            else
            {
                sb.Append(line[i]);
            }
        }

        return sb.ToString();
    }

    /// <summary>0017 closed the failures recorded before it (nobody had seen them); its index allows one open failure per article.</summary>
    private const string DropOpenFailureIndex = "DROP INDEX scheduled_publication_open_failure";

    private const string CloseOldFailures = """
        UPDATE scheduled_publication SET cleared_at = now(), cleared_by = 'migration 0017' WHERE state = 'failed' AND cleared_at IS NULL;
        CREATE UNIQUE INDEX scheduled_publication_open_failure ON scheduled_publication (article_id) WHERE state = 'failed' AND cleared_at IS NULL;
        """;

    /// <summary>0025 made each topic's icd10 its first code.</summary>
    private const string TopicCodesFromIcd10 = """
        INSERT INTO topic_code (topic, system, code, position)
        SELECT slug, 'icd-10-cm', icd10, 1 FROM topic t
        WHERE icd10 IS NOT NULL AND NOT EXISTS (SELECT 1 FROM topic_code c WHERE c.topic = t.slug)
        """;

    public static async Task<int> RestoreAsync(IServiceProvider services, string[] args)
    {
        if (args.Length == 0 || !File.Exists(args[0]))
        {
            await Console.Error.WriteLineAsync("usage: restore FILE   (a document written by export, into an empty database)");
            return 2;
        }

        var applied = await services.GetRequiredService<MigrationRunner>().ApplyAsync();
        await using var stream = new FileStream(args[0], FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var document = new ExportDocumentReader(stream);
        try
        {
            var header = document.ReadHeader();
            if (header.Format != Format)
            {
                await Console.Error.WriteLineAsync("error: not a KetamineContent export");
                return 1;
            }

            await using var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
            var migrations = (await connection.QueryAsync<string>("SELECT id FROM schema_migrations ORDER BY id")).ToList();
            if (header.Migrations.Except(migrations).Any())
            {
                await Console.Error.WriteLineAsync($"error: the export needs migrations this build does not have: {string.Join(", ", header.Migrations.Except(migrations))}");
                return 1;
            }

            if (await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM article) OR EXISTS (SELECT 1 FROM api_key)"))
            {
                await Console.Error.WriteLineAsync("error: restore needs an empty database (this one has articles or keys)");
                return 1;
            }

            await using var tx = await connection.BeginTransactionAsync();
            // Rows the migrations created (topics, the feed counter, the cursor secret) are replaced by the exported ones.
            await connection.ExecuteAsync("DELETE FROM sync_state; DELETE FROM app_secret; DELETE FROM topic_code; DELETE FROM topic;", transaction: tx);
            // An export older than a migration gets what that migration did to the rows it found, which ran here on an empty table.
            var before0017 = !header.Migrations.Contains("0017_publish_failures");
            if (before0017)
            {
                await connection.ExecuteAsync(DropOpenFailureIndex, transaction: tx);
            }

            await RestoreTablesAsync(document, connection, tx);
            if (before0017)
            {
                await connection.ExecuteAsync(CloseOldFailures, transaction: tx);
            }

            if (!header.Migrations.Contains("0025_clinical"))
            {
                await connection.ExecuteAsync(TopicCodesFromIcd10, transaction: tx);
            }
            foreach (var table in new[] { "review", "publication_event", "scheduled_publication", "audit_log", "outbox_event" })
            {
                await connection.ExecuteAsync($"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce((SELECT max(id) FROM {table}), 0) + 1, false)", transaction: tx);
            }

            await tx.CommitAsync();
        }
        catch (JsonException ex)
        {
            await Console.Error.WriteLineAsync($"error: not a readable KetamineContent export ({ex.Message}); nothing was restored");
            return 1;
        }

        Console.WriteLine($"Restored {args[0]}{(applied.Count > 0 ? $" (after applying {applied.Count} migration(s))" : "")}.");
        return 0;
    }

    /// <summary>
    /// Each table as it comes in the document (which must follow the order of <see cref="Tables"/>, so rows a foreign
    /// key points to come first), inserted in batches of at most <see cref="BatchRows"/> rows: memory stays flat.
    /// </summary>
    private static async Task RestoreTablesAsync(ExportDocumentReader document, NpgsqlConnection connection, NpgsqlTransaction tx)
    {
        var batch = new StringBuilder();
        var previous = -1;
        while (document.NextTable() is { } table)
        {
            var index = Array.FindIndex(Tables, t => t.Table == table);
            if (index <= previous)
            {
                throw new JsonException($"unknown or out-of-order table '{table}'");
            }

            previous = index;
            if (SkippedOnRestore.Contains(table))
            {
                var skipped = 0L;
                while (document.ReadRows(batch, BatchRows, BatchChars) is var read and > 0)
                {
                    skipped += read;
                }

                await Console.Error.WriteLineAsync($"skipped {table}: {skipped} row(s) (not restored)");
                continue;
            }

            // The table name is one of the fixed list above, never the document's own text.
            table = Tables[index].Table;
            var columns = string.Join(", ", (await connection.QueryAsync<string>(
                "SELECT quote_ident(column_name) FROM information_schema.columns WHERE table_name = @table AND table_schema = current_schema() AND is_generated = 'NEVER' ORDER BY ordinal_position",
                new { table }, tx)));
            var sql = $"INSERT INTO {table} ({columns}) OVERRIDING SYSTEM VALUE SELECT {columns} FROM json_populate_recordset(NULL::{table}, @Rows::json)";
            var total = 0L;
            while (document.ReadRows(batch, BatchRows, BatchChars) is var rows and > 0)
            {
                await connection.ExecuteAsync(new CommandDefinition(sql, new { Rows = batch.ToString() }, tx, commandTimeout: 0));
                total += rows;
            }

            await Console.Error.WriteLineAsync($"restored {table}: {total} row(s)");
        }
    }
}
