using Dapper;
using KetamineContent.Tests.Infrastructure;
using Npgsql;

namespace KetamineContent.Tests.Data;

/// <summary>The built executable's commands, run as real processes.</summary>
public sealed class CommandLineTests
{
    private static async Task<(int Code, string Output)> RunAsync(string connectionString, params string[] args)
    {
        var result = await Cli.RunAsync(connectionString, args);
        return (result.Code, result.Output);
    }

    [Fact]
    public async Task TheCommandsTheReadmeShowsRunInDevelopmentToo()
    {
        // Development builds the command's host with service validation on: a command that needs a service only the web
        // host registers aborted there (exit 134) before any of it ran.
        var cs = await TestDatabase.CreateEmptyAsync();
        foreach (var args in new[] { new[] { "migrate" }, ["seed"], ["check"], ["keys", "list"], ["keys", "create", "--role", "editor", "--name", "dev cli"] })
        {
            var result = await Cli.RunInAsync("Development", cs, TimeSpan.FromSeconds(120), args);
            Assert.True(result.Code == 0, $"{string.Join(' ', args)} exited {result.Code}: {result.Output}");
        }

        var listed = await Cli.RunInAsync("Development", cs, TimeSpan.FromSeconds(120), "keys", "list");
        Assert.Contains("dev cli", listed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateSeedAndCheckWorkAsCommands()
    {
        var cs = await TestDatabase.CreateEmptyAsync();

        var check = await RunAsync(cs, "check");
        Assert.Equal(2, check.Code);
        Assert.Contains("pending", check.Output, StringComparison.Ordinal);

        var migrate = await RunAsync(cs, "migrate");
        Assert.True(migrate.Code == 0, migrate.Output);
        Assert.Contains("Applied: 0001_articles", migrate.Output, StringComparison.Ordinal);
        Assert.Contains("up to date", (await RunAsync(cs, "migrate")).Output, StringComparison.Ordinal);

        var seed = await RunAsync(cs, "seed");
        Assert.True(seed.Code == 0, seed.Output);
        Assert.Contains("Seeded 4", seed.Output, StringComparison.Ordinal);
        Assert.Contains("Seeded 0", (await RunAsync(cs, "seed")).Output, StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync(cs, "check")).Code);
        await using var connection = new NpgsqlConnection(cs);
        Assert.Equal(4, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM article WHERE status = 'published'"));
    }

    [Fact]
    public async Task HelpListsTheCommands()
    {
        var help = await RunAsync("Host=unused", "--help");
        Assert.Equal(0, help.Code);
        Assert.Contains("migrate", help.Output, StringComparison.Ordinal);
        Assert.Contains("seed", help.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableDatabaseIsAClearErrorAndAFailingExitCode()
    {
        var result = await RunAsync("Host=127.0.0.1;Port=1;Username=x;Database=x;Timeout=3", "migrate");
        Assert.Equal(1, result.Code);
        Assert.Contains("error:", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }
}
