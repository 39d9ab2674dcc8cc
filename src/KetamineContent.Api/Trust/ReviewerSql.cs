namespace KetamineContent.Api.Trust;

/// <summary>SQL of reviewer profiles and of the profile a sign-off records. Every value is a parameter.</summary>
public static class ReviewerSql
{
    private const string Columns = """
        id AS Id, name AS Name, credentials AS Credentials, specialty AS Specialty, profile_url AS ProfileUrl, orcid AS Orcid,
        key_id AS KeyId, person_issuer AS PersonIssuer, person_subject AS PersonSubject, version AS Version, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    public const string List = "SELECT " + Columns + " FROM reviewer ORDER BY lower(name), id";

    public const string Get = "SELECT " + Columns + " FROM reviewer WHERE id = @Id";

    public const string Lock = "SELECT " + Columns + " FROM reviewer WHERE id = @Id FOR UPDATE";

    /// <summary>The profile linked to a key: the default signer of that key's sign-offs.</summary>
    public const string ByKey = "SELECT " + Columns + " FROM reviewer WHERE key_id = @KeyId";

    /// <summary>The profile linked to a person (issuer + subject): the default signer of that person's sign-offs.</summary>
    public const string ByPerson = "SELECT " + Columns + " FROM reviewer WHERE person_issuer = @Issuer AND person_subject = @Subject";

    public const string Insert = """
        INSERT INTO reviewer (id, name, credentials, specialty, profile_url, orcid, key_id, person_issuer, person_subject)
        VALUES (@Id, @Name, @Credentials, @Specialty, @ProfileUrl, @Orcid, @KeyId, @PersonIssuer, @PersonSubject)
        RETURNING
        """ + "\n" + Columns;

    public const string Update = """
        UPDATE reviewer SET name = @Name, credentials = @Credentials, specialty = @Specialty, profile_url = @ProfileUrl,
               orcid = @Orcid, key_id = @KeyId, person_issuer = @PersonIssuer, person_subject = @PersonSubject, version = version + 1, updated_at = now()
        WHERE id = @Id AND version = @Version
        RETURNING
        """ + "\n" + Columns;

    /// <summary>Another profile already holding this ORCID iD or key (a second one would make the default signer ambiguous).</summary>
    public const string Clashes = """
        SELECT CASE WHEN orcid = @Orcid THEN 'orcid' WHEN key_id = @KeyId THEN 'keyId' ELSE 'personSubject' END
        FROM reviewer WHERE id <> @Id AND (orcid = @Orcid OR key_id = @KeyId OR (person_issuer = @PersonIssuer AND person_subject = @PersonSubject))
        LIMIT 1
        """;

    /// <summary>A key that can sign: not revoked, role reviewer or admin.</summary>
    public const string SigningKeyExists = "SELECT EXISTS (SELECT 1 FROM api_key WHERE id = @KeyId AND revoked_at IS NULL AND role IN ('reviewer', 'admin'))";

    public const string Audit =
        "INSERT INTO audit_log (" + Writes.ChangeLog.AuditActorColumns + ", action, reviewer_id, detail) VALUES (" + Writes.ChangeLog.AuditActorValues + ", @Action, @ReviewerId, @Detail::jsonb)";
}
