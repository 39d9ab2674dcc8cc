using KetamineContent.Api.Delivery;

namespace KetamineContent.Api.Editing;

public sealed class ManagedArticleRow
{
    public Guid Id { get; init; }
    public string Slug { get; init; } = "";
    public string Locale { get; init; } = "";
    public Guid TranslationGroupId { get; init; }
    public string Topic { get; init; } = "";
    public string[] Tags { get; init; } = [];
    public string Title { get; init; } = "";
    public string Status { get; init; } = "";
    public int Revision { get; init; }
    public int? PublishedRevision { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public int? ReviewRevision { get; init; }
    public string? ReviewedBy { get; init; }
    public Guid? ReviewerId { get; init; }
    public string? ReviewNotes { get; init; }
    public DateTime? ReviewedAt { get; init; }
    public DateTime? ReviewDue { get; init; }
    public int? ScheduledRevision { get; init; }
    public DateTime? ScheduledAt { get; init; }
    public int OpenTasks { get; init; }
    public int? FailedRevision { get; init; }
    public DateTime? FailedScheduledAt { get; init; }
    public DateTime? FailedAt { get; init; }
    public string? FailedReasons { get; init; }

    public ManagedArticle ToContract(DateTimeOffset now) => new(
        Id, Slug, Locale, TranslationGroupId, Topic, Tags, Title, Status, Revision, PublishedRevision,
        ReviewStates.Of(ReviewDue, now),
        ReviewRevision is int rr && ReviewedBy is not null && ReviewedAt is { } at && ReviewDue is { } due
            ? new ReviewView(rr, ReviewedBy, ReviewerId, ReviewNotes ?? "", DeliveryMapping.Utc(at), DeliveryMapping.Utc(due))
            : null,
        ScheduledRevision is int sr && ScheduledAt is { } sat ? new ScheduledView(sr, DeliveryMapping.Utc(sat)) : null,
        DeliveryMapping.Utc(CreatedAt), DeliveryMapping.Utc(UpdatedAt), OpenTasks)
    {
        PublishFailure = FailedRevision is int fr && FailedScheduledAt is { } failedDue && FailedAt is { } failed
            ? new PublishFailureView(fr, DeliveryMapping.Utc(failedDue), DeliveryMapping.Utc(failed), PublishFailureView.ReadReasons(FailedReasons))
            : null,
    };
}

/// <summary>The article row as a command sees it, locked for the length of its transaction.</summary>
public sealed class LockedArticle
{
    public Guid Id { get; init; }
    public string Slug { get; init; } = "";
    public string Locale { get; init; } = "";
    public string Topic { get; init; } = "";
    public string Status { get; init; } = "";
    public int LatestRevision { get; init; }
    public int? PublishedRevision { get; init; }

    /// <summary>Published at least once: only then may readers learn that it was withdrawn.</summary>
    public bool EverPublished { get; init; }
}

public sealed class RevisionSummaryRow
{
    public int Number { get; init; }
    public string Author { get; init; } = "";
    public string ChangeNote { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public DateTime? ReviewedAt { get; init; }
    public DateTime? ReviewDue { get; init; }
    public bool? Published { get; init; }
}

public sealed class ReviewRow
{
    public int Revision { get; init; }
    public string ReviewedBy { get; init; } = "";
    public Guid? ReviewerId { get; init; }
    public string Notes { get; init; } = "";
    public DateTime ReviewedAt { get; init; }
    public DateTime ReviewDue { get; init; }
    public string? PersonIssuer { get; init; }
    public string? PersonSubject { get; init; }
    public string? PersonEmail { get; init; }

    public ReviewView ToContract() => new(Revision, ReviewedBy, ReviewerId, Notes, DeliveryMapping.Utc(ReviewedAt), DeliveryMapping.Utc(ReviewDue),
        Access.PersonId.Of(PersonIssuer, PersonSubject, PersonEmail));
}

public sealed class PublishCheckRow
{
    public string Summary { get; init; } = "";
    public string Disclaimer { get; init; } = "";
    public string[] FilledKinds { get; init; } = [];
    public DateTime? ReviewDue { get; init; }
}

/// <summary>unreviewed: no sign-off; reviewed: signed off and not yet due; review_due: the sign-off has expired.</summary>
public static class ReviewStates
{
    public const string Unreviewed = "unreviewed";
    public const string Reviewed = "reviewed";
    public const string ReviewDue = "review_due";

    public static readonly IReadOnlyList<string> All = [Unreviewed, Reviewed, ReviewDue];

    public static string Of(DateTime? due, DateTimeOffset now) =>
        due is null ? Unreviewed : DeliveryMapping.Utc(due.Value) > now ? Reviewed : ReviewDue;
}

/// <summary>The filters of the managed list (null: any). Now is the instant review states are judged at (set by the reader).</summary>
public sealed record ManagedListFilter(string? Status, string? Slug, string? Locale, string? Q, DateTime? ReviewDueBefore = null, string? Topic = null,
    string? ReviewState = null, DateTime? Now = null);
