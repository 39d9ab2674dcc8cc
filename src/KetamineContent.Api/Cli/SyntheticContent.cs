using Npgsql;

namespace KetamineContent.Api.Cli;

/// <summary>
/// Generates a large published collection with SQL alone (no API) in one transaction: each article with 5 revisions
/// (by default) of 3 sections, a review, its publication, feed entry and search index. For trying the service at scale and for
/// the benchmark; triggers are off during the load (so it keeps the feed number and the topic counts itself, as those
/// triggers would), and the rows follow the schema's rules.
/// </summary>
public static class SyntheticContent
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
          SELECT g, md5(@Batch || '-' || g)::uuid AS id, @Batch || '-' || g AS slug,
                 (ARRAY['addiction','depression','anxiety','ptsd','ocd','chronic-pain'])[1 + g % 6] AS topic,
                 ARRAY['generated', 'group-' || (g % 50)] AS tags,
                 {Words} AS words
          FROM generate_series(1, @Count) AS g;
        INSERT INTO article (id, slug, locale, translation_group_id, topic, tags, status, latest_revision, published_revision, title,
                             first_published_at, published_at, created_at, updated_at)
          SELECT id, slug, 'en', id, topic, tags, 'published', @Revisions, @Revisions,
                 initcap(words[1 + (g * 7 + 5) % 60]) || ' and ' || words[1 + (g * 13) % 60] || ': notes ' || g || '.' || @Revisions,
                 now() - interval '400 days' + g * interval '5 minutes', now() - interval '1 day' + g * interval '1 second',
                 now() - interval '500 days', now()
          FROM gen;
        INSERT INTO revision (article_id, number, topic, tags, title, summary, disclaimer, author, change_note, created_at)
          SELECT id, n, topic, tags,
                 initcap(words[1 + (g * 7 + n) % 60]) || ' and ' || words[1 + (g * 13) % 60] || ': notes ' || g || '.' || n,
                 'How ketamine treatment relates to ' || words[1 + (g * 3) % 60] || ', ' || words[1 + (g * 11) % 60] || ' and ' || words[1 + (g * 17) % 60] || '.',
                 'Educational information, not medical advice.', 'bench', 'generated', now() - interval '500 days' + n * interval '1 day'
          FROM gen, generate_series(1, @Revisions) AS n;
        INSERT INTO section (article_id, revision_number, kind, position, heading, body, cites)
          SELECT id, n, k.kind, k.pos, k.heading,
                 CASE WHEN n < @Revisions THEN 'Earlier draft of this section.'
                      ELSE 'This section covers ' || words[1 + (g * k.pos) % 60] || ' and ' || words[1 + (g + k.pos * 5) % 60]
                           || ' during treatment. ' || repeat('Ketamine acts on the glutamate system and effects begin within minutes; '
                           || words[1 + (g * 19 + k.pos) % 60] || ' is watched by trained staff. ', 4) END,
                 ARRAY[]::int[]
          FROM gen, generate_series(1, @Revisions) AS n,
               (VALUES ('mechanism', 1, 'How it works'), ('what_to_expect', 2, 'What to expect'), ('side_effects', 3, 'Side effects')) AS k(kind, pos, heading);
        INSERT INTO reference (article_id, revision_number, position, title, url)
          SELECT id, n, 1, 'Generated reference ' || g, 'https://example.org/reference/' || g FROM gen, generate_series(1, @Revisions) AS n;
        INSERT INTO review (article_id, revision_number, reviewed_by, notes, reviewed_at, review_due)
          SELECT id, @Revisions, 'Bench Reviewer', '', now() - interval '1 day', now() + interval '1 year' FROM gen;
        INSERT INTO publication_event (article_id, action, revision, at)
          SELECT id, 'published', @Revisions, now() - interval '1 day' + g * interval '1 second' FROM gen;
        INSERT INTO sync_change (seq, article_id, action, slug, locale, topics, at)
          SELECT (SELECT last_seq FROM sync_state) + g, id, 'upsert', slug, 'en', ARRAY[topic], now() FROM gen;
        UPDATE sync_state SET last_seq = last_seq + @Count;
        INSERT INTO topic_count AS c (topic, locale, published) SELECT topic, 'en', count(*) FROM gen GROUP BY topic
          ON CONFLICT (topic, locale) DO UPDATE SET published = c.published + excluded.published;
        UPDATE article a
          SET search = setweight(to_tsvector('english', r.title), 'A') || setweight(to_tsvector('english', r.summary), 'B')
                    || setweight(to_tsvector('english', (SELECT string_agg(s.heading || ' ' || s.body, ' ') FROM section s
                                                        WHERE s.article_id = r.article_id AND s.revision_number = r.number)), 'C')
          FROM gen, revision r WHERE a.id = gen.id AND r.article_id = a.id AND r.number = @Revisions;
        INSERT INTO search_section (article_id, kind, heading, body, vector)
          SELECT s.article_id, s.kind, s.heading, s.body, to_tsvector('english', s.heading || ' ' || s.body)
          FROM section s JOIN gen ON gen.id = s.article_id WHERE s.revision_number = @Revisions;
        SET session_replication_role = origin;
        """;

    /// <summary>Adds <paramref name="count"/> published articles with slugs "generated-&lt;batch&gt;-n"; returns the batch.</summary>
    public static async Task<string> LoadAsync(string connectionString, int count, int revisions = 5)
    {
        var batch = "generated-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 1800, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await using var command = new NpgsqlCommand(Script, connection, tx);
            command.Parameters.AddWithValue("Count", count);
            command.Parameters.AddWithValue("Batch", batch);
            command.Parameters.AddWithValue("Revisions", revisions);
            await command.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        }

        await using var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync();
        return batch;
    }

    public static async Task<int> CommandAsync(IServiceProvider services, string[] args)
    {
        var i = Array.IndexOf(args, "--count");
        if (i < 0 || i + 1 >= args.Length || !int.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var count) || count is < 1 or > 1_000_000)
        {
            await Console.Error.WriteLineAsync("usage: generate --count N [--revisions R]   (1 to 1,000,000 synthetic published articles, 1 to 20 revisions each, default 5)");
            return 2;
        }

        var r = Array.IndexOf(args, "--revisions");
        var revisions = 5;
        if (r >= 0 && (r + 1 >= args.Length || !int.TryParse(args[r + 1], System.Globalization.CultureInfo.InvariantCulture, out revisions) || revisions is < 1 or > 20))
        {
            await Console.Error.WriteLineAsync("usage: generate --count N [--revisions R]   (1 to 20 revisions each)");
            return 2;
        }

        await services.GetRequiredService<Data.MigrationRunner>().ApplyAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Console.WriteLine($"Generating {count:N0} articles x {revisions} revisions ...");
        var batch = await LoadAsync(services.GetRequiredService<Data.ContentDatabase>().ConnectionString, count, revisions);
        Console.WriteLine($"Generated {count:N0} published articles ({batch}-1 ... {batch}-{count}) in {clock.Elapsed.TotalSeconds:0.0} s.");
        return 0;
    }
}
