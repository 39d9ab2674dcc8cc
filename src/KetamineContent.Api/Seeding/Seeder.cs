using Dapper;
using KetamineContent.Api.Access;
using KetamineContent.Api.Content;
using KetamineContent.Api.Editing;
using Npgsql;

namespace KetamineContent.Api.Seeding;

/// <summary>Loads the sample articles, published. Articles already present (by id) are left alone, so seeding twice changes nothing.</summary>
public sealed class Seeder(NpgsqlDataSource dataSource, ILogger<Seeder> logger)
{
    private const long LockKey = 0x4B43_5345_4544; // "KCSEED"

    private const string InsertArticle = """
        INSERT INTO article (id, slug, locale, translation_group_id, topic, tags, latest_revision)
        VALUES (@Id, @Slug, @Locale, @Id, @Topic, @Tags, 1)
        ON CONFLICT DO NOTHING
        RETURNING id
        """;

    private const string InsertReview = """
        INSERT INTO review (article_id, revision_number, reviewed_by, notes, review_due, reviewer_id, reviewer_credentials, reviewer_specialty, reviewer_url)
        VALUES (@Id, 1, @ReviewedBy, 'Sample content shipped with KetamineContent (an example sign-off, not a real review).',
                now() + interval '12 months', @ReviewerId, @Credentials, @Specialty, @Url)
        """;

    private const string InsertClinical = "INSERT INTO article_clinical (article_id, version) VALUES (@Id, 1)";

    private const string InsertReviewer = """
        INSERT INTO reviewer (id, name, credentials, specialty, profile_url)
        VALUES (@Id, @Name, @Credentials, @Specialty, @ProfileUrl)
        ON CONFLICT (id) DO NOTHING
        """;


    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@LockKey)", new { LockKey }, tx, cancellationToken: ct));
        foreach (var r in SampleReviewer.All)
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertReviewer, new { r.Id, r.Name, Credentials = r.Credentials.ToArray(), r.Specialty, r.ProfileUrl }, tx, cancellationToken: ct));
        }

        var added = 0;
        foreach (var sample in SampleArticle.All)
        {
            var inserted = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(InsertArticle, new
            {
                sample.Id,
                sample.Slug,
                Locale = SampleArticle.Locale,
                sample.Topic,
                Tags = sample.Tags.ToArray(),
            }, tx, cancellationToken: ct));
            if (inserted is null)
            {
                continue;
            }

            await RevisionStore.InsertAsync(connection, tx, sample.Id, 1, sample.Topic, sample.Tags, sample.Content, SampleArticle.Author, "Sample content", ct);
            var signer = SampleReviewer.For(sample.Slug);
            await connection.ExecuteAsync(new CommandDefinition(InsertReview, new
            {
                sample.Id, ReviewedBy = signer.Name, ReviewerId = signer.Id, Credentials = signer.Credentials.ToArray(), signer.Specialty, Url = signer.ProfileUrl,
            }, tx, cancellationToken: ct));
            if (sample.Codes.Count > 0)
            {
                await connection.ExecuteAsync(new CommandDefinition(InsertClinical, new { sample.Id }, tx, cancellationToken: ct));
                var (systems, codes, displays) = Clinical.ClinicalMapping.Arrays(sample.Codes);
                await connection.ExecuteAsync(new CommandDefinition(Clinical.ClinicalSql.InsertArticleCodes,
                    new { sample.Id, Systems = systems, Codes = codes, Displays = displays }, tx, cancellationToken: ct));
            }

            var locked = (await Publisher.LockAsync(connection, tx, sample.Id, ct))!;
            await Publisher.PublishAsync(connection, tx, Actor.System, locked, 1, ct);
            added++;
        }

        await tx.CommitAsync(ct);
        logger.LogInformation("Seeded {Count} sample article(s)", added);
        return added;
    }
}
