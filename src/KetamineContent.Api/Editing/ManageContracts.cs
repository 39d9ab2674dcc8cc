using System.Text.Json.Serialization;

namespace KetamineContent.Api.Editing;

/// <summary>An article as editors see it: latest and published revision numbers, status, review state (review and scheduled are left out when there is none), open tasks (each blocks publishing), and alone (not in lists) the latest revision's plain-language scores.</summary>
public sealed record ManagedArticle(
    Guid Id,
    string Slug,
    string Locale,
    Guid TranslationGroupId,
    string Topic,
    IReadOnlyList<string> Tags,
    string Title,
    string Status,
    int Revision,
    int? PublishedRevision,
    string ReviewState,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ReviewView? Review,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ScheduledView? Scheduled,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int OpenTasks = 0)
{
    /// <summary>In GET /v1/manage/articles/{id} only (left out of lists, and for articles not in English): the latest revision's plain-language scores.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Trust.ArticleReadability? Readability { get; init; }

    /// <summary>
    /// A scheduled publication that failed its checks at its due time (left out when there is none): shown until someone
    /// acknowledges it (POST .../publish-failure/acknowledge), schedules again or publishes.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PublishFailureView? PublishFailure { get; init; }
}

/// <summary>A scheduled publication of <c>revision</c>, due at <c>scheduledFor</c>, that failed <c>at</c> for these reasons (those a refused publish gives).</summary>
public sealed record PublishFailureView(int Revision, DateTimeOffset ScheduledFor, DateTimeOffset At, IReadOnlyList<string> Reasons)
{
    public static IReadOnlyList<string> ReadReasons(string? json) =>
        json is null ? [] : System.Text.Json.JsonSerializer.Deserialize<string[]>(json) ?? [];
}

/// <summary>
/// A medical sign-off of one revision: the signer's name and, when a reviewer profile signed, its id (null otherwise);
/// <c>signedBy</c> the person who signed (issuer + subject) when a person did, not a key.
/// </summary>
public sealed record ReviewView(
    int Revision, string ReviewedBy, Guid? ReviewerId, string Notes, DateTimeOffset ReviewedAt, DateTimeOffset ReviewDue,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Access.PersonId? SignedBy = null);

public sealed record ScheduledView(int Revision, DateTimeOffset At);

/// <summary>A page of managed articles; <c>total</c> (every match, all pages) only with count=true.</summary>
public sealed record ManagedArticlePage(
    IReadOnlyList<ManagedArticle> Items,
    string? NextCursor,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Total = null);

public sealed record RevisionSummary(int Number, string Author, string ChangeNote, DateTimeOffset CreatedAt, string ReviewState, bool Published);

public sealed record RevisionList(Guid ArticleId, IReadOnlyList<RevisionSummary> Items);

/// <summary>One stored revision with its full content, rendered the way delivery renders it, and its plain-language scores (null when not in English).</summary>
public sealed record RevisionDocument(int Number, string Author, string ChangeNote, DateTimeOffset CreatedAt, string ReviewState,
    IReadOnlyList<ReviewView> Reviews, Delivery.ArticleDocument Content, Trust.ArticleReadability? Readability);

/// <summary>
/// A sign-off: <c>reviewerId</c> names a reviewer profile; <c>reviewedBy</c> a free-text name (as before profiles); with
/// neither, the profile linked to the signing key, or else the key's name. Give one of the two at most.
/// </summary>
public sealed record ReviewInput(string? ReviewedBy, string? Notes, Guid? ReviewerId = null);

/// <summary>Publish a revision now, or at <c>at</c>; <c>overrideReason</c> lets an article above Content:MaxGradeLevel through (recorded in the audit row).</summary>
public sealed record PublishInput(int Revision, DateTimeOffset? At, string? OverrideReason = null);

/// <summary>
/// Optional reason (for example 'safety') and replacement for unpublishing or archiving. When published articles link
/// to this one, either a replacementSlug (their links then lead there) or force: true (their links become plain text) is needed.
/// </summary>
public sealed record WithdrawInput(string? Reason, string? ReplacementSlug, bool? Force = null);

/// <summary>What changed between two revisions.</summary>
public sealed record RevisionDiff(int From, int To, IReadOnlyList<FieldChange> Fields, IReadOnlyList<SectionChange> Sections);

public sealed record FieldChange(string Field, string? From, string? To);

/// <summary>A section added, removed or changed; for a changed body, a line diff ('=' kept, '-' removed, '+' added).</summary>
public sealed record SectionChange(string Kind, string Change, string? HeadingFrom, string? HeadingTo, IReadOnlyList<DiffLine> Lines);

public sealed record DiffLine(string Op, string Text);

/// <summary>One audit row: who acted (a key by <c>keyId</c>, a person by <c>person</c> (issuer + subject, email), or the system), their name and role, what and on what.</summary>
public sealed record AuditEntry(
    long Id, DateTimeOffset At, Guid? KeyId, string Actor, string Role, string Action, Guid? ArticleId, int? Revision, System.Text.Json.JsonElement Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Access.PersonId? Person = null);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, string? NextCursor);
