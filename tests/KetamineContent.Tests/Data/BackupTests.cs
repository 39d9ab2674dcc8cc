using System.Net.Http.Json;
using Dapper;
using KetamineContent.Tests.Infrastructure;
using Npgsql;

namespace KetamineContent.Tests.Data;

/// <summary>export -> restore into an empty database -> export gives the same document, byte for byte.</summary>
public sealed class BackupTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static async Task<(int Code, string Output)> RunAsync(string connectionString, params string[] args)
    {
        var result = await Cli.RunAsync(connectionString, args);
        return (result.Code, result.Output);
    }

    [Fact]
    public async Task ExportRestoreExportGivesTheSameDocument()
    {
        // Some editorial history beyond the samples: revisions, a review, a publish, a withdrawal, keys, audit.
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var slug = Articles.NewSlug("backup");
        var id = await Articles.PublishedAsync(editor, reviewer, slug);
        await (await Articles.ReviseAsync(editor, id, "\"1\"", Articles.Body(slug, "Second\ttitle with a tab", sideEffects: "Line one.\nLine \"two\" \\ with a backslash."))).JsonAsync();
        await (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{id}/unpublish", new { reason = "safety" })).JsonAsync();
        // Workflow the API answered 2xx for: an open task (it blocks publishing), a release, a comment, a preview link.
        var task = (await (await Workflow.Tasks.CreateAsync(reviewer, id, "Check the dose wording", revision: 2)).JsonAsync()).GetProperty("id").GetGuid();
        var (release, etag) = await Releases.ReleaseCalls.CreateAsync(editor);
        await Releases.ReleaseCalls.AddAsync(editor, release, etag, id, 2);
        await (await editor.PostAsJsonAsync($"/v1/manage/articles/{id}/comments", new { revision = 2, body = "Is the dose right?" })).JsonAsync();
        await (await editor.PostAsJsonAsync($"/v1/manage/articles/{id}/preview-links", new { revision = 2, expiresInHours = 24 })).JsonAsync();

        var folder = Directory.CreateTempSubdirectory("kc-backup").FullName;
        var first = Path.Combine(folder, "first.json");
        var second = Path.Combine(folder, "second.json");
        var empty = await Cli.ExportAndRestoreAsync(api.ConnectionString, first);
        var twice = await RunAsync(empty, "restore", first);
        Assert.Equal(1, twice.Code);
        Assert.Contains("empty database", twice.Output, StringComparison.Ordinal);

        var again = await RunAsync(empty, "export", "--output", second);
        Assert.True(again.Code == 0, again.Output);
        Assert.Equal(await File.ReadAllTextAsync(first), await File.ReadAllTextAsync(second));

        await using var db = new NpgsqlConnection(empty);
        Assert.Equal(2, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM revision WHERE article_id = @id", new { id }));
        Assert.Equal("Line one.\nLine \"two\" \\ with a backslash.", await db.ExecuteScalarAsync<string>(
            "SELECT body FROM section WHERE article_id = @id AND revision_number = 2 AND kind = 'side_effects'", new { id }));
        Assert.Equal("open", await db.ExecuteScalarAsync<string>("SELECT state FROM article_task WHERE id = @task", new { task }));
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM release_item WHERE release_id = @release", new { release }));
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM article_comment WHERE article_id = @id", new { id }));
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM preview_link WHERE article_id = @id", new { id }));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task AnExportHoldsNoIdempotencyRecordsAndAnOlderExportWithThemStillRestores()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var key = Guid.NewGuid().ToString();
        var slug = Articles.NewSlug("backup-idem");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/manage/articles") { Content = JsonContent.Create(Articles.Body(slug)), Headers = { { "Idempotency-Key", key } } };
        Assert.Equal(System.Net.HttpStatusCode.Created, (await editor.SendAsync(request)).StatusCode);
        await using var source = await api.OpenDatabaseAsync();
        var record = await source.ExecuteScalarAsync<string>("SELECT row_to_json(t)::text FROM idempotency_record t WHERE idempotency_key = @key", new { key });
        Assert.NotNull(record);

        var folder = Directory.CreateTempSubdirectory("kc-backup").FullName;
        var file = Path.Combine(folder, "export.json");
        var exported = await RunAsync(api.ConnectionString, "export", "--output", file);
        Assert.True(exported.Code == 0, exported.Output);
        var text = await File.ReadAllTextAsync(file);
        using (var document = System.Text.Json.JsonDocument.Parse(text))
        {
            Assert.False(document.RootElement.GetProperty("tables").TryGetProperty("idempotency_record", out _));
        }

        Assert.DoesNotContain(key, text, StringComparison.Ordinal);

        // An export written before records were left out holds them (between audit_log and sync_state): it restores, without them.
        var older = Path.Combine(folder, "older.json");
        Assert.Contains("\"sync_state\":[", text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(older, text.Replace("\"sync_state\":[", "\"idempotency_record\":[\n" + record + "],\n\"sync_state\":[", StringComparison.Ordinal));
        var empty = await TestDatabase.CreateEmptyAsync();
        var restored = await RunAsync(empty, "restore", older);
        Assert.True(restored.Code == 0, restored.Output);
        Assert.Contains("skipped idempotency_record: 1 row(s)", restored.Output, StringComparison.Ordinal);
        await using var db = new NpgsqlConnection(empty);
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM idempotency_record"));
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM article WHERE slug = @slug", new { slug }));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task AnExportFromBeforeTheCodesAndTheFailureViewRestoresWithTheirMigrationsEffects()
    {
        // Written before 0017 and 0025: no topic_code table (0025 made each topic's icd10 its first code) and two
        // failed schedules of one article (0017 closed such old failures; its index allows one open failure an article).
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var id = await Articles.PublishedAsync(editor, reviewer, Articles.NewSlug("backup-old"));
        var folder = Directory.CreateTempSubdirectory("kc-backup").FullName;
        var file = Path.Combine(folder, "export.json");
        var exported = await RunAsync(api.ConnectionString, "export", "--output", file);
        Assert.True(exported.Code == 0, exported.Output);
        var document = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
        var migrations = document["migrations"]!.AsArray();
        foreach (var gone in migrations.Where(m => (string)m! is "0017_publish_failures" or "0025_clinical").ToList())
        {
            migrations.Remove(gone);
        }

        var tables = document["tables"]!.AsObject();
        foreach (var table in new[] { "topic_code", "article_clinical", "article_code", "reader_feedback", "feedback_salt" })
        {
            tables.Remove(table);
        }

        var schedules = tables["scheduled_publication"]!.AsArray();
        var next = schedules.Select(r => (long)r!["id"]!).DefaultIfEmpty(0).Max();
        foreach (var n in new[] { 1, 2 })
        {
            schedules.Add(new System.Text.Json.Nodes.JsonObject
            {
                ["id"] = next + n, ["article_id"] = id.ToString(), ["revision"] = 1, ["at"] = "2026-01-0" + n + "T09:00:00Z",
                ["actor"] = "an editor", ["state"] = "failed", ["outcome"] = "the sign-off was revoked", ["created_at"] = "2026-01-01T08:00:00Z",
            });
        }

        var older = Path.Combine(folder, "older.json");
        await File.WriteAllTextAsync(older, document.ToJsonString());
        var empty = await TestDatabase.CreateEmptyAsync();
        var restored = await RunAsync(empty, "restore", older);
        Assert.True(restored.Code == 0, restored.Output);

        await using var db = new NpgsqlConnection(empty);
        Assert.Equal(await db.ExecuteScalarAsync<int>("SELECT count(*) FROM topic WHERE icd10 IS NOT NULL"),
            await db.ExecuteScalarAsync<int>("SELECT count(DISTINCT topic) FROM topic_code WHERE system = 'icd-10-cm'"));
        Assert.Equal("F32", await db.ExecuteScalarAsync<string>("SELECT code FROM topic_code WHERE topic = 'depression' ORDER BY position LIMIT 1"));
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM scheduled_publication WHERE article_id = @id AND state = 'failed' AND cleared_at IS NULL", new { id }));
        Assert.Equal(2, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM scheduled_publication WHERE article_id = @id AND state = 'failed'", new { id }));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task EveryTableIsExportedOrSaysWhyNot()
    {
        await using var db = await api.OpenDatabaseAsync();
        var tables = (await db.QueryAsync<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")).ToHashSet();
        var exported = KetamineContent.Api.Cli.Backup.ExportedTables.ToHashSet();
        Assert.Empty(tables.Except(exported).Except(KetamineContent.Api.Cli.Backup.NotExported.Keys));
        Assert.Empty(exported.Intersect(KetamineContent.Api.Cli.Backup.NotExported.Keys));
        Assert.Empty(exported.Except(tables));
    }

    [Fact]
    public async Task ATruncatedExportIsRefusedAndRestoresNothing()
    {
        var folder = Directory.CreateTempSubdirectory("kc-backup").FullName;
        var whole = Path.Combine(folder, "whole.json");
        var cut = Path.Combine(folder, "cut.json");
        var exported = await RunAsync(api.ConnectionString, "export", "--output", whole);
        Assert.True(exported.Code == 0, exported.Output);
        var bytes = await File.ReadAllBytesAsync(whole);
        await File.WriteAllBytesAsync(cut, bytes[..(bytes.Length * 2 / 3)]);

        var empty = await TestDatabase.CreateEmptyAsync();
        var restored = await RunAsync(empty, "restore", cut);
        Assert.Equal(1, restored.Code);
        Assert.Contains("nothing was restored", restored.Output, StringComparison.Ordinal);
        await using var db = new NpgsqlConnection(empty);
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM article"));
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM revision"));
        Directory.Delete(folder, recursive: true);
    }
}
