using Npgsql;

namespace KetamineContent.Bench;

/// <summary>Generates a large published collection with SQL alone (no API), valid by the schema's rules, in one transaction.</summary>
public static class DataLoader
{
    private const string Words = """
        ARRAY['sleep','memory','appetite','mood','craving','relapse','therapy','dose','infusion','nasal','tablet','session',
              'clinic','nurse','monitoring','glutamate','receptor','plasticity','neuron','signal','calm','focus','energy',
              'worry','panic','trauma','grief','pain','habit','motivation','support','family','exercise','diet','routine',
              'evidence','trial','placebo','response','remission','tolerance','withdrawal','safety','nausea','dizziness',
              'confusion','dissociation','vision','heartbeat','pressure','breathing','recovery','maintenance','follow-up',
              'counselling','journal','mindfulness','integration','aftercare','guidance']
        """;

    private static readonly string Script = $"""
        SET session_replication_role = replica;
        CREATE TEMP TABLE gen AS
          SELECT g, md5('bench-article-' || g)::uuid AS id,
                 (ARRAY['addiction','depression','anxiety','ptsd','ocd','chronic-pain'])[1 + g % 6] AS topic,
                 ARRAY['generated', 'group-' || (g % 50)] AS tags,
                 {Words} AS words
          FROM generate_series(1, @Count) AS g;
        INSERT INTO article (id, slug, locale, translation_group_id, topic, tags, status, latest_revision, published_revision,
                             first_published_at, published_at, created_at, updated_at)
          SELECT id, 'generated-' || g, 'en', id, topic, tags, 'published', 5, 5,
                 now() - interval '400 days' + g * interval '5 minutes', now() - interval '1 day' + g * interval '1 second',
                 now() - interval '500 days', now()
          FROM gen;
        INSERT INTO revision (article_id, number, topic, tags, title, summary, disclaimer, author, change_note, created_at)
          SELECT id, n, topic, tags,
                 initcap(words[1 + (g * 7 + n) % 60]) || ' and ' || words[1 + (g * 13) % 60] || ': notes ' || g || '.' || n,
                 'How ketamine treatment relates to ' || words[1 + (g * 3) % 60] || ', ' || words[1 + (g * 11) % 60] || ' and ' || words[1 + (g * 17) % 60] || '.',
                 'Educational information, not medical advice.', 'bench', 'generated', now() - interval '500 days' + n * interval '1 day'
          FROM gen, generate_series(1, 5) AS n;
        INSERT INTO section (article_id, revision_number, kind, position, heading, body, cites)
          SELECT id, n, k.kind, k.pos, k.heading,
                 CASE WHEN n < 5 THEN 'Earlier draft of this section.'
                      ELSE 'This section covers ' || words[1 + (g * k.pos) % 60] || ' and ' || words[1 + (g + k.pos * 5) % 60]
                           || ' during treatment. ' || repeat('Ketamine acts on the glutamate system and effects begin within minutes; '
                           || words[1 + (g * 19 + k.pos) % 60] || ' is watched by trained staff. ', 4) END,
                 ARRAY[]::int[]
          FROM gen, generate_series(1, 5) AS n,
               (VALUES ('mechanism', 1, 'How it works'), ('what_to_expect', 2, 'What to expect'), ('side_effects', 3, 'Side effects')) AS k(kind, pos, heading);
        INSERT INTO review (article_id, revision_number, reviewed_by, notes, reviewed_at, review_due)
          SELECT id, 5, 'Bench Reviewer', '', now() - interval '1 day', now() + interval '1 year' FROM gen;
        INSERT INTO publication_event (article_id, action, revision, at)
          SELECT id, 'published', 5, now() - interval '1 day' + g * interval '1 second' FROM gen;
        INSERT INTO sync_change (seq, article_id, action, slug, locale, topics, at)
          SELECT (SELECT last_seq FROM sync_state) + g, id, 'upsert', 'generated-' || g, 'en', ARRAY[topic], now() FROM gen;
        UPDATE sync_state SET last_seq = last_seq + @Count;
        UPDATE article a
          SET search = setweight(to_tsvector('english', r.title), 'A') || setweight(to_tsvector('english', r.summary), 'B')
                    || setweight(to_tsvector('english', (SELECT string_agg(s.heading || ' ' || s.body, ' ') FROM section s
                                                        WHERE s.article_id = r.article_id AND s.revision_number = r.number)), 'C')
          FROM revision r WHERE r.article_id = a.id AND r.number = 5 AND a.slug LIKE 'generated-%';
        INSERT INTO search_section (article_id, kind, heading, body, vector)
          SELECT s.article_id, s.kind, s.heading, s.body, to_tsvector('english', s.heading || ' ' || s.body)
          FROM section s JOIN gen ON gen.id = s.article_id WHERE s.revision_number = 5;
        SET session_replication_role = origin;
        """;

    public static async Task LoadAsync(string connectionString, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Command Timeout=1800");
        await connection.OpenAsync();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await using var command = new NpgsqlCommand(Script, connection, tx);
            command.Parameters.AddWithValue("Count", count);
            await command.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        }

        await using var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync();
    }
}
