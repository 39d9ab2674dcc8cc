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

        var folder = Directory.CreateTempSubdirectory("kc-backup").FullName;
        var first = Path.Combine(folder, "first.json");
        var second = Path.Combine(folder, "second.json");
        var exported = await RunAsync(api.ConnectionString, "export", "--output", first);
        Assert.True(exported.Code == 0, exported.Output);

        var empty = await TestDatabase.CreateEmptyAsync();
        var restored = await RunAsync(empty, "restore", first);
        Assert.True(restored.Code == 0, restored.Output);
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
        Directory.Delete(folder, recursive: true);
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
