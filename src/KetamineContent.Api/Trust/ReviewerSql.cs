namespace KetamineContent.Api.Trust;

/// <summary>SQL of reviewer profiles and of the profile a sign-off records. Every value is a parameter.</summary>
public static class ReviewerSql
{
    private const string Columns = """
        id AS Id, name AS Name, credentials AS Credentials, specialty AS Specialty, profile_url AS ProfileUrl, orcid AS Orcid,
        key_id AS KeyId, version AS Version, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    public const string List = "SELECT " + Columns + " FROM reviewer ORDER BY lower(name), id";

    public const string Get = "SELECT " + Columns + " FROM reviewer WHERE id = @Id";

    public const string Lock = "SELECT " + Columns + " FROM reviewer WHERE id = @Id FOR UPDATE";

    /// <summary>The profile linked to a key: the default signer of that key's sign-offs.</summary>
    public const string ByKey = "SELECT " + Columns + " FROM reviewer WHERE key_id = @KeyId";

    public const string Insert = """
        INSERT INTO reviewer (id, name, credentials, specialty, profile_url, orcid, key_id)
        VALUES (@Id, @Name, @Credentials, @Specialty, @ProfileUrl, @Orcid, @KeyId)
        RETURNING
        """ + "\n" + Columns;

    public const string Update = """
        UPDATE reviewer SET name = @Name, credentials = @Credentials, specialty = @Specialty, profile_url = @ProfileUrl,
               orcid = @Orcid, key_id = @KeyId, version = version + 1, updated_at = now()
        WHERE id = @Id AND version = @Version
        RETURNING
        """ + "\n" + Columns;

    /// <summary>Another profile already holding this ORCID iD or key (a second one would make the default signer ambiguous).</summary>
    public const string Clashes = """
        SELECT CASE WHEN orcid = @Orcid THEN 'orcid' ELSE 'keyId' END
        FROM reviewer WHERE id <> @Id AND (orcid = @Orcid OR key_id = @KeyId)
        LIMIT 1
        """;

    /// <summary>A key that can sign: not revoked, role reviewer or admin.</summary>
    public const string SigningKeyExists = "SELECT EXISTS (SELECT 1 FROM api_key WHERE id = @KeyId AND revoked_at IS NULL AND role IN ('reviewer', 'admin'))";

    public const string Audit = """
        INSERT INTO audit_log (key_id, actor, role, action, reviewer_id, detail)
        VALUES (@KeyId, @Actor, @Role, @Action, @ReviewerId, @Detail::jsonb)
        """;
}
