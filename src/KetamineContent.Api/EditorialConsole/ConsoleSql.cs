namespace KetamineContent.Api.EditorialConsole;

/// <summary>SQL of the console's sessions, sign-in links and data-protection keys. Every value is a parameter.</summary>
internal static class ConsoleSql
{
    public const string InsertSession = """
        INSERT INTO console_session (id_hash, key_id, expires_at) VALUES (@Hash, @KeyId, now() + make_interval(hours => @Hours))
        """;

    public const string InsertPersonSession = """
        INSERT INTO console_session (id_hash, person_issuer, person_subject, person_name, person_email, person_role, auth_time, id_token, expires_at)
        VALUES (@Hash, @Issuer, @Subject, @Name, @Email, @Role, @AuthTime, @IdToken, now() + make_interval(hours => @Hours))
        """;

    /// <summary>
    /// A live session: of a key that is not revoked (and may edit: previewer keys have no console), or of a person
    /// signed in with the OpenID Provider; touching it (at most once a minute) keeps it from idling out.
    /// </summary>
    public const string FindSession = """
        WITH live AS (
            SELECT s.id_hash, s.last_seen_at, k.id AS key_id, coalesce(k.name, s.person_name) AS name, coalesce(k.role, s.person_role) AS role,
                   s.person_issuer, s.person_subject, s.person_email, s.auth_time, s.id_token
            FROM console_session s LEFT JOIN api_key k ON k.id = s.key_id
            WHERE s.id_hash = @Hash AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(mins => @IdleMinutes)
              AND (s.key_id IS NULL OR (k.revoked_at IS NULL AND k.role IN ('editor', 'reviewer', 'admin')))
        ), touched AS (
            UPDATE console_session SET last_seen_at = now()
            WHERE id_hash = @Hash AND EXISTS (SELECT 1 FROM live WHERE live.last_seen_at < now() - interval '1 minute')
        )
        SELECT key_id AS KeyId, name AS Name, role AS Role, person_issuer AS Issuer, person_subject AS Subject, person_email AS Email,
               auth_time AS AuthTime, id_token AS IdToken
        FROM live
        """;

    /// <summary>Ends a session (Everywhere: and every other session of its person or key); answers its ID token.</summary>
    public const string DeleteSession = """
        WITH me AS (DELETE FROM console_session WHERE id_hash = @Hash RETURNING id_token, key_id, person_issuer, person_subject),
        others AS (
            DELETE FROM console_session s USING me
            WHERE @Everywhere AND s.id_hash <> @Hash
              AND (s.key_id = me.key_id OR (s.person_issuer = me.person_issuer AND s.person_subject = me.person_subject))
        )
        SELECT id_token FROM me
        """;

    public const string DeletePersonSessions = "DELETE FROM console_session WHERE person_issuer = @Issuer AND person_subject = @Subject";

    public const string DeleteExpired = """
        DELETE FROM console_session WHERE expires_at <= now() OR last_seen_at <= now() - make_interval(mins => @IdleMinutes)
        """;

    public const string InsertLoginLink = """
        INSERT INTO console_login_link (token_hash, key_id, expires_at) VALUES (@Hash, @KeyId, now() + make_interval(mins => @Minutes))
        """;

    /// <summary>Uses a sign-in link once: only an unused, unexpired link of a key that is not revoked.</summary>
    public const string UseLoginLink = """
        UPDATE console_login_link l SET used_at = now()
        FROM api_key k
        WHERE l.token_hash = @Hash AND l.used_at IS NULL AND l.expires_at > now() AND k.id = l.key_id AND k.revoked_at IS NULL
          AND k.role IN ('editor', 'reviewer', 'admin')
        RETURNING k.id AS KeyId, k.name AS Name, k.role AS Role
        """;

    public const string ActiveKey = "SELECT id AS KeyId, name AS Name, role AS Role FROM api_key WHERE id = @Id AND revoked_at IS NULL AND role IN ('editor', 'reviewer', 'admin')";

    public const string AllDataProtectionKeys = "SELECT xml FROM data_protection_key ORDER BY created_at, friendly_name";

    public const string InsertDataProtectionKey = """
        INSERT INTO data_protection_key (friendly_name, xml) VALUES (@Name, @Xml) ON CONFLICT (friendly_name) DO NOTHING
        """;

    public const string DevelopmentKey = "SELECT id FROM api_key WHERE name = @Name AND role = 'admin' AND revoked_at IS NULL ORDER BY created_at LIMIT 1";
}
