using Dapper;
using KetamineContent.Api.Data;
using KetamineContent.Api.Seeding;
using KetamineContent.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace KetamineContent.Tests.Data;

public sealed class SeedTests
{
    private const string Snapshot = """
        SELECT (SELECT string_agg(id || slug || status || latest_revision || coalesce(published_revision, 0) || updated_at, ',' ORDER BY id) FROM article)
            || (SELECT count(*) FROM revision) || (SELECT count(*) FROM section) || (SELECT count(*) FROM review)
        """;

    [Fact]
    public async Task SeedingTwiceChangesNothing()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestDatabase.CreateEmptyAsync());
        await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync();
        var seeder = new Seeder(dataSource, NullLogger<Seeder>.Instance);

        Assert.Equal(4, await seeder.SeedAsync());
        await using var connection = await dataSource.OpenConnectionAsync();
        var before = await connection.ExecuteScalarAsync<string>(Snapshot);

        Assert.Equal(0, await seeder.SeedAsync());
        Assert.Equal(before, await connection.ExecuteScalarAsync<string>(Snapshot));
        Assert.Equal(4, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM article WHERE status = 'published'"));
    }
}
