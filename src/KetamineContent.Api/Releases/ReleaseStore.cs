using System.Text.Json;
using Dapper;
using KetamineContent.Api.Access;
using Npgsql;

namespace KetamineContent.Api.Releases;

/// <summary>Data access of releases, inside the caller's transaction (or on a connection of its own for reads).</summary>
public static class ReleaseStore
{
    public static Task<ReleaseRow?> LockAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<ReleaseRow>(new CommandDefinition(ReleaseSql.Lock, new { Id = id }, tx, cancellationToken: ct));

    public static Task<ReleaseRow?> GetAsync(NpgsqlConnection c, NpgsqlTransaction? tx, Guid id, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<ReleaseRow>(new CommandDefinition(ReleaseSql.Get, new { Id = id }, tx, cancellationToken: ct));

    public static async Task<IReadOnlyList<ReleaseItemRow>> ItemsAsync(NpgsqlConnection c, NpgsqlTransaction? tx, Guid id, CancellationToken ct) =>
        (await c.QueryAsync<ReleaseItemRow>(new CommandDefinition(ReleaseSql.Items, new { Id = id }, tx, cancellationToken: ct))).AsList();

    /// <summary>The release as the API shows it, read in the caller's transaction (after its changes).</summary>
    public static async Task<(ReleaseView View, string ETag)?> ViewAsync(NpgsqlConnection c, NpgsqlTransaction? tx, Guid id, CancellationToken ct)
    {
        var row = await GetAsync(c, tx, id, ct);
        return row is null ? null : (row.ToView(await ItemsAsync(c, tx, id, ct)), row.ETag);
    }

    public static Task ExecuteAsync(NpgsqlConnection c, NpgsqlTransaction tx, string sql, object parameters, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(sql, parameters, tx, cancellationToken: ct));

    /// <summary>The audit row of a release change and, for published and reverted, its webhook event (the outbox).</summary>
    public static async Task RecordAsync(NpgsqlConnection c, NpgsqlTransaction tx, Actor actor, string action, Guid releaseId, object? detail, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await ExecuteAsync(c, tx, ReleaseSql.Audit, new
        {
            actor.KeyId,
            actor.PersonIssuer,
            actor.PersonSubject,
            actor.PersonEmail,
            Actor = actor.Name,
            actor.Role,
            Action = action,
            ReleaseId = releaseId,
            Detail = JsonSerializer.Serialize(detail ?? new { }),
        }, ct);
        if (action is "release.published" or "release.reverted")
        {
            await ExecuteAsync(c, tx, ReleaseSql.Enqueue, new { Type = action, Id = releaseId }, ct);
        }
    }
}
