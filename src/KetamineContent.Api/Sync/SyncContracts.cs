using KetamineContent.Api.Delivery;

namespace KetamineContent.Api.Sync;

/// <summary>
/// One page of the sync feed: articles to add or replace, articles to delete, and the cursor to pass next time.
/// Keep calling with nextCursor while hasMore is true; store the last nextCursor for the next sync. A page of changes never
/// ends inside one transaction, so it may hold up to limit + 199 entries (a release publishes up to 200 articles at once).
/// </summary>
public sealed record SyncPage(
    [property: System.ComponentModel.DataAnnotations.MaxLength(300)] IReadOnlyList<ArticleDocument> Items,
    [property: System.ComponentModel.DataAnnotations.MaxLength(300)] IReadOnlyList<SyncDeleted> Deleted,
    string NextCursor,
    bool HasMore);

/// <summary>An article the client must drop: unpublished, archived, withdrawn (with the reason given) or moved out of the filter.</summary>
/// <c>replacementSlug</c> is the slug the editor named as its replacement (as sent on unpublish/archive), <c>replacement</c>
/// that article's delivery path; <c>withdrawnAt</c> is when it left (the same names as the 410 answer).
public sealed record SyncDeleted(Guid Id, string Slug, string Locale, string Reason, DateTimeOffset WithdrawnAt, string? ReplacementSlug, string? Replacement);
