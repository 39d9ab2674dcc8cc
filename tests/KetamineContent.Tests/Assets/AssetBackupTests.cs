using System.Net.Http.Json;
using Dapper;
using KetamineContent.Tests.Infrastructure;
using Npgsql;

namespace KetamineContent.Tests.Assets;

/// <summary>Export and restore carry the media library: the bytes, the metadata and which revision uses what.</summary>
public sealed class AssetBackupTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task ExportRestoreExportIsByteIdenticalWithAssets()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var photo = Images.WithGps(Images.Solid(500, 300, "jpg", "10 200 30"), "jpg");
        var asset = await Images.UploadedAsync(editor, photo, "backup.jpg", ("caption", "Line one\nLine \"two\" \\ backslash"));
        var assetId = asset.GetProperty("id").GetGuid();
        var slug = Articles.NewSlug("asset-backup");
        var id = (await (await editor.PostAsJsonAsync("/v1/manage/articles", Articles.Body(slug, sideEffects: $"Nausea.\n\n![A green field](asset:{assetId})"))).JsonAsync()).GetProperty("id").GetGuid();
        await (await Articles.ReviewAsync(reviewer, id, 1)).JsonAsync();
        await (await Articles.PublishAsync(reviewer, id, 1)).JsonAsync();

        var folder = Directory.CreateTempSubdirectory("kc-asset-backup").FullName;
        var first = Path.Combine(folder, "first.json");
        var second = Path.Combine(folder, "second.json");
        var empty = await Cli.ExportAndRestoreAsync(api.ConnectionString, first);
        var again = await Cli.RunAsync(empty, "export", "--output", second);
        Assert.True(again.Code == 0, again.Output);
        Assert.Equal(await File.ReadAllBytesAsync(first), await File.ReadAllBytesAsync(second));

        await using var db = new NpgsqlConnection(empty);
        Assert.Equal(photo, await db.ExecuteScalarAsync<byte[]>("SELECT b.content FROM asset a JOIN asset_blob b ON b.sha256 = a.sha256 WHERE a.id = @assetId", new { assetId }));
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM revision_asset WHERE asset_id = @assetId AND article_id = @id", new { assetId, id }));

        // The restored database serves the published image.
        await using var restoredApi = new ApiFactory().OnDatabase(empty);
        await restoredApi.InitializeAsync();
        var served = await restoredApi.Client(null).GetByteArrayAsync(asset.GetProperty("url").GetString());
        Assert.Equal(photo, served);
        Directory.Delete(folder, recursive: true);
    }
}
