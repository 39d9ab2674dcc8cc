using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace KetamineContent.Api.Releases;

/// <summary>A new release: a title and notes for the editors.</summary>
public sealed record ReleaseInput(string Title, string? Notes);

/// <summary>An article's revision to publish with the release (posting the article again replaces its revision).</summary>
public sealed record ReleaseItemInput(Guid ArticleId, int Revision);

/// <summary>Publish now, or at a future time (the scheduler applies it, across restarts).</summary>
public sealed record ReleasePublishInput(DateTimeOffset? At);

/// <summary>
/// A release: open (items can change), scheduled (publishAt), published or reverted. An item's previousRevision is
/// what readers saw before the release published it (absent: the article was not published), the revision a revert restores.
/// </summary>
public sealed record ReleaseView(
    Guid Id,
    string Title,
    string Notes,
    string State,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? PublishAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? PublishedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? RevertedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Outcome,
    [property: MaxLength(ReleaseCommands.MaxItems)] IReadOnlyList<ReleaseItemView> Items,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record ReleaseItemView(
    Guid ArticleId,
    string Slug,
    string Locale,
    int Revision,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? PreviousRevision,
    DateTimeOffset AddedAt);

public sealed record ReleaseSummary(Guid Id, string Title, string State, int ItemCount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? PublishAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? PublishedAt,
    DateTimeOffset UpdatedAt);

public sealed record ReleaseList(IReadOnlyList<ReleaseSummary> Items);

/// <summary>Every reason each item cannot be published now; publishable when no item has one.</summary>
public sealed record ReleaseValidation(Guid ReleaseId, bool Publishable, [property: MaxLength(ReleaseCommands.MaxItems)] IReadOnlyList<ReleaseItemCheck> Items);

public sealed record ReleaseItemCheck(Guid ArticleId, string Slug, int Revision, IReadOnlyList<string> Reasons);
