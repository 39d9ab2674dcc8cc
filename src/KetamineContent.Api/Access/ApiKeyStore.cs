using Dapper;
using KetamineContent.Api.Writes;
using Npgsql;

namespace KetamineContent.Api.Access;

public sealed record ApiKeyInfo(Guid Id, string Name, string Role, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A key just created: the only moment its secret is shown.</summary>
public sealed record CreatedApiKey(Guid Id, string Name, string Role, string Prefix, DateTimeOffset CreatedAt, string Key);

/// <summary>The api_key table: create, find by presented secret, list, revoke. Every create and revoke writes its audit row.</summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource, KeyCache cache)
{
    private const string Insert = """
        INSERT INTO api_key (id, name, role, hash, prefix) VALUES (@Id, @Name, @Role, @Hash, @Prefix)
        RETURNING created_at
        """;

    /// <summary>The lookup by the SHA-256 of the presented key: the secret itself is never compared with anything stored.</summary>
    public const string FindByHash = "SELECT id AS Id, name AS Name, role AS Role, hash AS Hash FROM api_key WHERE hash = @Hash AND revoked_at IS NULL";

    private const string ListAll = """
        SELECT id AS Id, name AS Name, role AS Role, prefix AS Prefix, created_at AS CreatedAt, revoked_at AS RevokedAt
        FROM api_key ORDER BY created_at, id
        """;

    private const string ById = """
        SELECT id AS Id, name AS Name, role AS Role, prefix AS Prefix, created_at AS CreatedAt, revoked_at AS RevokedAt
        FROM api_key WHERE id = @Id
        """;

    // Revoked and announced in one statement: the notification goes out with the commit, to every node's KeyCache.
    private const string Revoke = """
        WITH revoked AS (UPDATE api_key SET revoked_at = now() WHERE id = @Id AND revoked_at IS NULL RETURNING id)
        SELECT pg_notify('api_key_changed', id::text) FROM revoked
        """;
    private const string Exists = "SELECT EXISTS (SELECT 1 FROM api_key WHERE id = @Id)";
    private const string AnyAdmin = "SELECT EXISTS (SELECT 1 FROM api_key WHERE role = 'admin' AND revoked_at IS NULL)";

    /// <summary>Creates a key in its own transaction (the command line and the bootstrap setting).</summary>
    public Task<CreatedApiKey> CreateAsync(Actor actor, string name, string role, CancellationToken ct, string? key = null) =>
        InTransactionAsync((c, tx) => CreateAsync(c, tx, actor, name, role, ct, key), ct);

    /// <summary>Creates a key and writes its audit row in the caller's transaction: the one path of every key creation.</summary>
    public static async Task<CreatedApiKey> CreateAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Actor actor, string name, string role, CancellationToken ct, string? key = null)
    {
        key ??= ApiKeySecrets.NewKey();
        var id = Guid.NewGuid();
        var prefix = ApiKeySecrets.DisplayPrefix(key);
        var createdAt = await c.ExecuteScalarAsync<DateTime>(new CommandDefinition(Insert,
            new { Id = id, Name = name, Role = role, Hash = ApiKeySecrets.Hash(key), Prefix = prefix }, tx, cancellationToken: ct));
        await ChangeLog.RecordAsync(c, tx, actor, "key.created", null, null, new { Id = id, Name = name, Role = role }, readersAffected: false, ct);
        return new CreatedApiKey(id, name, role, prefix, Delivery.DeliveryMapping.Utc(createdAt), key);
    }

    /// <summary>The valid key with this secret, from the <see cref="KeyCache"/> when it holds it, else from the database.</summary>
    public async Task<(Guid Id, string Name, string Role)?> FindAsync(string presentedKey, CancellationToken ct)
    {
        var hash = ApiKeySecrets.Hash(presentedKey);
        var cacheKey = Convert.ToHexString(hash);
        if (cache.TryGet(cacheKey, out var cached))
        {
            return cached;
        }

        var generation = cache.Generation;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(FindByHash, new { Hash = hash }, cancellationToken: ct));
        if (row is null || !ApiKeySecrets.Matches(row.Hash, presentedKey))
        {
            return null;
        }

        cache.Store(cacheKey, (row.Id, row.Name, row.Role), generation);
        return (row.Id, row.Name, row.Role);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<InfoRow>(new CommandDefinition(ListAll, cancellationToken: ct));
        return rows.Select(Info).ToList();
    }

    /// <summary>One key (never its secret), revoked or not; null when no key has the id.</summary>
    public async Task<ApiKeyInfo?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<InfoRow>(new CommandDefinition(ById, new { Id = id }, cancellationToken: ct));
        return row is null ? null : Info(row);
    }

    private static ApiKeyInfo Info(InfoRow r) => new(r.Id, r.Name, r.Role, r.Prefix, Delivery.DeliveryMapping.Utc(r.CreatedAt),
        r.RevokedAt is { } at ? Delivery.DeliveryMapping.Utc(at) : null);

    /// <summary>Revokes a key in its own transaction (the command line).</summary>
    public Task<bool> RevokeAsync(Actor actor, Guid id, CancellationToken ct) =>
        InTransactionAsync((c, tx) => RevokeAsync(c, tx, actor, id, ct), ct);

    /// <summary>
    /// Revokes a key and writes its audit row in the caller's transaction: the one path of every revocation.
    /// True when a key with that id exists (revoked now or before); false when there is none.
    /// </summary>
    public static async Task<bool> RevokeAsync(NpgsqlConnection c, NpgsqlTransaction tx, Actor actor, Guid id, CancellationToken ct)
    {
        await c.ExecuteScalarAsync(new CommandDefinition(Revoke, new { Id = id }, tx, cancellationToken: ct));
        if (!await c.ExecuteScalarAsync<bool>(new CommandDefinition(Exists, new { Id = id }, tx, cancellationToken: ct)))
        {
            return false;
        }

        await ChangeLog.RecordAsync(c, tx, actor, "key.revoked", null, null, new { Id = id }, readersAffected: false, ct);
        return true;
    }

    public async Task<bool> AnyAdminAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(AnyAdmin, cancellationToken: ct));
    }

    private async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var result = await work(connection, tx);
        await tx.CommitAsync(ct);
        return result;
    }

    private sealed class KeyRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string Role { get; init; } = "";
        public byte[] Hash { get; init; } = [];
    }

    private sealed class InfoRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string Role { get; init; } = "";
        public string Prefix { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public DateTime? RevokedAt { get; init; }
    }
}
