using System.Text.Json;

namespace KetamineContent.Api.Delivery;

public static class DeliveryMapping
{
    private static readonly JsonSerializerOptions RowJson = new(JsonSerializerDefaults.Web);

    /// <summary>A common silent-reading pace for health information.</summary>
    public const double WordsPerMinute = 200;

    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static ArticleSummary ToSummary(ArticleSummaryRow r) =>
        new(r.Id, r.Slug, r.Locale, r.Title, r.Summary, r.Topic, r.Tags, Utc(r.PublishedAt), Utc(r.UpdatedAt))
        {
            LastReviewed = r.LastReviewed is { } reviewed ? Utc(reviewed) : null,
            NextReviewDue = r.ReviewDue is { } due ? Utc(due) : null,
        };

    /// <summary>A reference as read, back to content (references read in number order, so a section's cites are their positions).</summary>
    public static Content.ReferenceContent ToContent(ReferenceDocument r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.Title, r.Url, r.Doi, r.PubmedId, r.Authors, r.Journal, r.Publisher, r.Year, r.Volume, r.Issue, r.Pages, r.Accessed);
    }

    /// <summary>Maps a revision row; <paramref name="at"/> stands in for publish times when the revision is not (yet) published.</summary>
    public static ArticleDocument ToDocument(ArticleRow r, DateTimeOffset? at = null)
    {
        var (sections, references) = Trust.CitationNumbering.Number(
            JsonSerializer.Deserialize<List<StoredSection>>(r.SectionsJson, RowJson) ?? [],
            JsonSerializer.Deserialize<List<StoredReference>>(r.ReferencesJson, RowJson) ?? []);
        var review = r is { ReviewedBy: not null, ReviewedAt: not null, ReviewDue: not null }
            ? new ReviewDocument(new ReviewerDocument(r.ReviewedBy, r.ReviewerCredentials ?? [], r.ReviewerSpecialty, r.ReviewerUrl), Utc(r.ReviewedAt.Value), Utc(r.ReviewDue.Value),
                r.ReviewIsDue == true, r.ReviewIsOverdue == true)
            : null;
        var fallback = at ?? DateTimeOffset.UnixEpoch;
        var links = Trust.LinkRendering.Parse(r.LinksJson);
        var order = Assets.AssetReferences.Ids(sections.Select(s => s.Body)).Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var assets = (JsonSerializer.Deserialize<List<Assets.AssetRow>>(r.AssetsJson, RowJson) ?? [])
            .OrderBy(a => order.GetValueOrDefault(a.Id, int.MaxValue)).Select(Assets.AssetReferences.ToArticleAsset).ToList();
        var words = MarkdownRenderer.WordCount(r.Title) + MarkdownRenderer.WordCount(r.Summary)
                    + sections.Sum(s => MarkdownRenderer.WordCount(s.Heading) + MarkdownRenderer.WordCount(s.Body));
        return new ArticleDocument(
            r.Id, r.Slug, r.Locale, r.Topic, r.Tags, r.Title, r.Summary, r.Disclaimer, r.Revision,
            sections, references, review,
            r.PublishedAt is { } p ? Utc(p) : fallback,
            r.UpdatedAt is { } u ? Utc(u) : fallback,
            words,
            Math.Max(1, (int)Math.Ceiling(words / WordsPerMinute)),
            assets)
        {
            Links = links,
            Related = Trust.LinkRendering.Related(links),
            Codes = Clinical.ClinicalMapping.Codes(r.CodesJson),
            Funding = r.Funding,
            ConflictsOfInterest = r.ConflictsOfInterest,
            NextReviewDue = review?.ReviewDue,
        };
    }
}
