using System.Text.Json;
using Dapper;
using KetamineContent.Api.Access;
using Npgsql;

namespace KetamineContent.Api.Trust;

/// <summary>The data access of reviewer profiles: writes inside the command's transaction, reads on their own connection.</summary>
public sealed class ReviewerStore(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<ReviewerView>> ListAsync(CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        return (await c.QueryAsync<ReviewerRow>(new CommandDefinition(ReviewerSql.List, cancellationToken: ct))).Select(r => r.ToView()).ToList();
    }

    public async Task<ReviewerRow?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<ReviewerRow>(new CommandDefinition(ReviewerSql.Get, new { Id = id }, cancellationToken: ct));
    }

    public static Task<ReviewerRow?> LockAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<ReviewerRow>(new CommandDefinition(ReviewerSql.Lock, new { Id = id }, tx, cancellationToken: ct));

    public static Task<ReviewerRow?> ByKeyAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid keyId, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<ReviewerRow>(new CommandDefinition(ReviewerSql.ByKey, new { KeyId = keyId }, tx, cancellationToken: ct));

    public static Task<ReviewerRow?> ByPersonAsync(NpgsqlConnection c, NpgsqlTransaction tx, PersonId person, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<ReviewerRow>(new CommandDefinition(ReviewerSql.ByPerson, new { person.Issuer, person.Subject }, tx, cancellationToken: ct));

    public static Task<ReviewerRow> InsertAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, ReviewerInput input, CancellationToken ct) =>
        c.QuerySingleAsync<ReviewerRow>(new CommandDefinition(ReviewerSql.Insert, Parameters(id, input, 0), tx, cancellationToken: ct));

    public static Task<ReviewerRow?> UpdateAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, int version, ReviewerInput input, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<ReviewerRow>(new CommandDefinition(ReviewerSql.Update, Parameters(id, input, version), tx, cancellationToken: ct));

    /// <summary>Why this profile cannot be stored as given: a key that cannot sign (400) or a clash with another profile (409); null when it can.</summary>
    public static async Task<(int Status, string Field, string Message)?> ConflictAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, ReviewerInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.KeyId is Guid keyId
            && !await c.ExecuteScalarAsync<bool>(new CommandDefinition(ReviewerSql.SigningKeyExists, new { KeyId = keyId }, tx, cancellationToken: ct)))
        {
            return (400, "keyId", $"'keyId' must name an API key that is not revoked and has the reviewer or admin role; {keyId} does not.");
        }

        var clash = await c.ExecuteScalarAsync<string?>(new CommandDefinition(ReviewerSql.Clashes, new { Id = id, input.Orcid, input.KeyId, PersonIssuer = input.PersonIssuer?.Trim(), PersonSubject = input.PersonSubject?.Trim() }, tx, cancellationToken: ct));
        return clash switch
        {
            "orcid" => (409, "orcid", $"Another reviewer profile already has the ORCID iD {input.Orcid}."),
            "keyId" => (409, "keyId", $"Another reviewer profile is already linked to the key {input.KeyId}; a key signs as one profile."),
            "personSubject" => (409, "personSubject", $"Another reviewer profile is already linked to the person {input.PersonSubject} of {input.PersonIssuer}; a person signs as one profile."),
            _ => null,
        };
    }

    public static Task RecordAsync(NpgsqlConnection c, NpgsqlTransaction tx, Actor actor, string action, ReviewerRow reviewer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(reviewer);
        return c.ExecuteAsync(new CommandDefinition(ReviewerSql.Audit, new
        {
            actor.KeyId, actor.PersonIssuer, actor.PersonSubject, actor.PersonEmail, Actor = actor.Name, actor.Role, Action = action, ReviewerId = reviewer.Id,
            Detail = JsonSerializer.Serialize(new { reviewer.Name, reviewer.Credentials, reviewer.Specialty, reviewer.ProfileUrl, reviewer.Orcid, reviewer.KeyId, reviewer.PersonIssuer, reviewer.PersonSubject, reviewer.Version }, Http.Instants.StoredJson),
        }, tx, cancellationToken: ct));
    }

    private static object Parameters(Guid id, ReviewerInput input, int version) => new
    {
        Id = id,
        Name = input.Name.Trim(),
        Credentials = (input.Credentials ?? []).Select(x => x.Trim()).ToArray(),
        Specialty = input.Specialty?.Trim(),
        input.ProfileUrl,
        input.Orcid,
        input.KeyId,
        PersonIssuer = input.PersonIssuer?.Trim(),
        PersonSubject = input.PersonSubject?.Trim(),
        Version = version,
    };
}
