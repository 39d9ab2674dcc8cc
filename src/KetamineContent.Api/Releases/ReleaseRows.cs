using KetamineContent.Api.Delivery;

namespace KetamineContent.Api.Releases;

public sealed class ReleaseRow
{
    public Guid Id { get; init; }
    public string Title { get; init; } = "";
    public string Notes { get; init; } = "";
    public string State { get; init; } = "";
    public int Version { get; init; }
    public DateTime? PublishAt { get; init; }
    public DateTime? PublishedAt { get; init; }
    public DateTime? RevertedAt { get; init; }
    public string? Outcome { get; init; }
    public Guid? ScheduledKeyId { get; init; }
    public string? ScheduledActor { get; init; }
    public string CreatedBy { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }

    /// <summary>The release's ETag: its version (every change of the release sends it in If-Match).</summary>
    public string ETag => $"\"r{Version}\"";

    public ReleaseView ToView(IEnumerable<ReleaseItemRow> items) => new(Id, Title, Notes, State, Utc(PublishAt), Utc(PublishedAt), Utc(RevertedAt), Outcome,
        items.Select(i => new ReleaseItemView(i.ArticleId, i.Slug, i.Locale, i.Revision, i.Applied ? i.PreviousRevision : null, DeliveryMapping.Utc(i.AddedAt))).ToList(),
        CreatedBy, DeliveryMapping.Utc(CreatedAt), DeliveryMapping.Utc(UpdatedAt));

    public static DateTimeOffset? Utc(DateTime? value) => value is { } v ? DeliveryMapping.Utc(v) : null;
}

public sealed class ReleaseItemRow
{
    public Guid ArticleId { get; init; }
    public string Slug { get; init; } = "";
    public string Locale { get; init; } = "";
    public int Revision { get; init; }
    public int? PreviousRevision { get; init; }
    public bool Applied { get; init; }
    public DateTime AddedAt { get; init; }
}

public sealed class ReleaseSummaryRow
{
    public Guid Id { get; init; }
    public string Title { get; init; } = "";
    public string State { get; init; } = "";
    public int ItemCount { get; init; }
    public DateTime? PublishAt { get; init; }
    public DateTime? PublishedAt { get; init; }
    public DateTime UpdatedAt { get; init; }

    public ReleaseSummary ToSummary() => new(Id, Title, State, ItemCount, ReleaseRow.Utc(PublishAt), ReleaseRow.Utc(PublishedAt), DeliveryMapping.Utc(UpdatedAt));
}
