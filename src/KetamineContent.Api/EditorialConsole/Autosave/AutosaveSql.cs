namespace KetamineContent.Api.EditorialConsole.Autosave;

/// <summary>
/// SQL of the editor's autosaved working copies: a key's in console_draft (migration 0023), a person's (issuer +
/// subject) in console_person_draft (migration 0022). Every value is a parameter.
/// </summary>
internal static class AutosaveSql
{
    /// <summary>Keeps one copy per editor and article (NULL: a new article); nothing is written for an article that does not exist.</summary>
    public const string Upsert = """
        INSERT INTO console_draft (key_id, article_id, base_revision, form)
        SELECT @KeyId, @ArticleId, @BaseRevision, @Form::jsonb
        WHERE @ArticleId::uuid IS NULL OR EXISTS (SELECT 1 FROM article WHERE id = @ArticleId)
        ON CONFLICT (key_id, article_id) DO UPDATE SET base_revision = excluded.base_revision, form = excluded.form, saved_at = now()
        RETURNING saved_at
        """;

    public const string Find = """
        SELECT base_revision AS BaseRevision, form::text AS Form, saved_at AS SavedAt
        FROM console_draft WHERE key_id = @KeyId AND article_id IS NOT DISTINCT FROM @ArticleId
        """;

    public const string Delete = "DELETE FROM console_draft WHERE key_id = @KeyId AND article_id IS NOT DISTINCT FROM @ArticleId";

    public const string UpsertPerson = """
        INSERT INTO console_person_draft (person_issuer, person_subject, article_id, base_revision, form)
        SELECT @PersonIssuer, @PersonSubject, @ArticleId, @BaseRevision, @Form::jsonb
        WHERE @ArticleId::uuid IS NULL OR EXISTS (SELECT 1 FROM article WHERE id = @ArticleId)
        ON CONFLICT (person_issuer, person_subject, article_id) DO UPDATE SET base_revision = excluded.base_revision, form = excluded.form, saved_at = now()
        RETURNING saved_at
        """;

    public const string FindPerson = """
        SELECT base_revision AS BaseRevision, form::text AS Form, saved_at AS SavedAt
        FROM console_person_draft WHERE person_issuer = @PersonIssuer AND person_subject = @PersonSubject AND article_id IS NOT DISTINCT FROM @ArticleId
        """;

    public const string DeletePerson = """
        DELETE FROM console_person_draft WHERE person_issuer = @PersonIssuer AND person_subject = @PersonSubject AND article_id IS NOT DISTINCT FROM @ArticleId
        """;
}
