using System.Security.Cryptography;
using Dapper;
using KetamineContent.Api.Cli;
using KetamineContent.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace KetamineContent.Tests.Data;

/// <summary>
/// Restore reads the export as a stream and writes in batches: an export of 20,000 articles with 3 revisions each
/// restores with the restore process's peak resident memory under 300 MB, and export -> restore -> export is byte-identical.
/// </summary>
public sealed class LargeRestoreTests(ITestOutputHelper output)
{
    private const int Articles = 20_000;
    private const double MaxPeakMiB = 300_000_000 / 1024.0 / 1024.0;
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task ALargeExportRestoresInBoundedMemoryAndExportsTheSameBytes()
    {
        var source = await TestDatabase.CreateSeededAsync();
        await SyntheticContent.LoadAsync(source, Articles, revisions: 3);
        var folder = Directory.CreateTempSubdirectory("kc-large-backup").FullName;
        try
        {
            var first = Path.Combine(folder, "first.json");
            var second = Path.Combine(folder, "second.json");
            var exported = await Cli.RunAsync(source, CommandTimeout, "export", "--output", first);
            Assert.True(exported.Code == 0, exported.Output);

            var empty = await TestDatabase.CreateEmptyAsync();
            var restored = await Cli.RunAsync(empty, CommandTimeout, "restore", first);
            Assert.True(restored.Code == 0, restored.Output);
            output.WriteLine($"export {new FileInfo(first).Length / 1024.0 / 1024.0:0.0} MiB; restore peak RSS {restored.PeakMiB:0} MiB (limit {MaxPeakMiB:0} MiB)");
            Assert.InRange(restored.PeakMiB, 1, MaxPeakMiB);

            await using (var db = new NpgsqlConnection(empty))
            {
                Assert.Equal(Articles + 4, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM article"));
                Assert.Equal(Articles * 3, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM revision WHERE author = 'bench'"));
            }

            var again = await Cli.RunAsync(empty, CommandTimeout, "export", "--output", second);
            Assert.True(again.Code == 0, again.Output);
            Assert.Equal(new FileInfo(first).Length, new FileInfo(second).Length);
            Assert.Equal(await HashAsync(first), await HashAsync(second));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> HashAsync(string path)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexString(await SHA256.HashDataAsync(file));
    }
}
