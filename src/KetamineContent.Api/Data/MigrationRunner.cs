using Dapper;
using Npgsql;

namespace KetamineContent.Api.Data;

/// <summary>
/// Applies pending migrations in order, all in one transaction, under an advisory lock so that two processes
/// starting at once never race. Every applied file is journaled with its checksum; an edited one is an error.
/// </summary>
public sealed class MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
{
    private const long LockKey = 0x4B43_4D49_4752; // "KCMIGR"

    private const string CreateJournal = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            id         text PRIMARY KEY,
            checksum   text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    private const string ReadJournal = "SELECT id AS Id, checksum AS Checksum FROM schema_migrations";
    private const string Record = "INSERT INTO schema_migrations (id, checksum) VALUES (@Id, @Checksum)";

    public async Task<IReadOnlyList<string>> ApplyAsync(IReadOnlyList<Migration>? migrations = null, CancellationToken ct = default)
    {
        migrations ??= Migration.Embedded();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@LockKey)", new { LockKey }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(CreateJournal, transaction: tx, cancellationToken: ct));
        var applied = (await connection.QueryAsync<(string Id, string Checksum)>(new CommandDefinition(ReadJournal, transaction: tx, cancellationToken: ct)))
            .ToDictionary(r => r.Id, r => r.Checksum, StringComparer.Ordinal);

        var pending = new List<string>();
        foreach (var migration in migrations)
        {
            if (applied.TryGetValue(migration.Id, out var checksum))
            {
                if (!string.Equals(checksum, migration.Checksum, StringComparison.Ordinal))
                {
                    throw new MigrationChecksumException(migration.Id, checksum, migration.Checksum);
                }

                continue;
            }

            try
            {
                await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: tx, cancellationToken: ct));
                await connection.ExecuteAsync(new CommandDefinition(Record, new { migration.Id, migration.Checksum }, tx, cancellationToken: ct));
            }
            catch (PostgresException ex)
            {
                throw new MigrationFailedException(migration.Id, ex);
            }

            pending.Add(migration.Id);
        }

        await tx.CommitAsync(ct);
        foreach (var id in pending)
        {
            logger.LogInformation("Applied migration {Migration}", id);
        }

        return pending;
    }

    /// <summary>Migrations not yet applied (for readiness and the check command); all of them when the journal is missing.</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT to_regclass('schema_migrations') IS NOT NULL", cancellationToken: ct));
        var applied = exists
            ? (await connection.QueryAsync<string>(new CommandDefinition("SELECT id FROM schema_migrations", cancellationToken: ct))).ToHashSet(StringComparer.Ordinal)
            : [];
        return Migration.Embedded().Select(m => m.Id).Where(id => !applied.Contains(id)).ToList();
    }
}
