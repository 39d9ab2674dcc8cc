using Dapper;
using KetamineContent.Api.Data;
using KetamineContent.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace KetamineContent.Tests.Data;

public sealed class MigrationTests
{
    private static MigrationRunner Runner(NpgsqlDataSource dataSource) => new(dataSource, NullLogger<MigrationRunner>.Instance);

    [Fact]
    public void EveryMigrationHasItsOwnNumber()
    {
        var numbers = Migration.Embedded().Select(m => m.Id.Split('_')[0]).ToList();
        Assert.Equal(numbers.Distinct().Count(), numbers.Count);
    }

    [Fact]
    public async Task MigrationsApplyToAnEmptyDatabaseAndAreJournaledWithChecksums()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateEmptyAsync());
        var embedded = Migration.Embedded();
        Assert.NotEmpty(embedded);

        var applied = await Runner(dataSource).ApplyAsync();
        Assert.Equal(embedded.Select(m => m.Id), applied);

        await using var connection = await dataSource.OpenConnectionAsync();
        var journal = (await connection.QueryAsync<(string Id, string Checksum)>("SELECT id, checksum FROM schema_migrations ORDER BY id")).ToList();
        Assert.Equal(embedded.Select(m => (m.Id, m.Checksum)), journal);
        Assert.True(await connection.ExecuteScalarAsync<bool>("SELECT to_regclass('article') IS NOT NULL"));

        Assert.Empty(await Runner(dataSource).ApplyAsync());
        Assert.Empty(await Runner(dataSource).PendingAsync());
    }

    [Fact]
    public async Task AnAppliedMigrationThatWasEditedIsAClearError()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateEmptyAsync());
        await Runner(dataSource).ApplyAsync();
        var edited = Migration.Embedded().Select((m, i) => i == 0 ? m with { Sql = m.Sql + "\n-- an edit" } : m).ToList();

        var error = await Assert.ThrowsAsync<MigrationChecksumException>(() => Runner(dataSource).ApplyAsync(edited));
        Assert.Equal(edited[0].Id, error.MigrationId);
        Assert.Contains("was edited after it was applied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailedMigrationLeavesTheDatabaseAsItWas()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateEmptyAsync());
        var broken = Migration.Embedded().Append(new Migration("9999_broken", "CREATE TABLE half_done (id int); SELECT 1 / 0;")).ToList();

        await Assert.ThrowsAsync<MigrationFailedException>(() => Runner(dataSource).ApplyAsync(broken));

        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.False(await connection.ExecuteScalarAsync<bool>("SELECT to_regclass('article') IS NOT NULL"));
        Assert.False(await connection.ExecuteScalarAsync<bool>("SELECT to_regclass('half_done') IS NOT NULL"));
        Assert.False(await connection.ExecuteScalarAsync<bool>("SELECT to_regclass('schema_migrations') IS NOT NULL"));
    }

    [Fact]
    public async Task RunnersStartingAtOnceDoNotRace()
    {
        var connectionString = await TestDatabase.CreateEmptyAsync();
        var sources = Enumerable.Range(0, 4).Select(_ => NpgsqlDataSource.Create(connectionString)).ToList();
        try
        {
            var results = await Task.WhenAll(sources.Select(s => Runner(s).ApplyAsync()));
            Assert.Equal(Migration.Embedded().Count, results.Sum(r => r.Count));
            Assert.Single(results, r => r.Count > 0);
            await using var connection = await sources[0].OpenConnectionAsync();
            Assert.Equal(Migration.Embedded().Count, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM schema_migrations"));
        }
        finally
        {
            foreach (var s in sources)
            {
                await s.DisposeAsync();
            }
        }
    }
}
