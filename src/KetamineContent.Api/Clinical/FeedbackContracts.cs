namespace KetamineContent.Api.Clinical;

/// <summary>POST /v1/articles/{slug}/feedback: was the article helpful, an optional comment (plain text, never rendered as HTML) and the section it is about.</summary>
public sealed record FeedbackInput(bool? Helpful, string? Comment, string? SectionKind);

/// <summary>What the reader is told: the feedback was received (202); editors see it in the management API.</summary>
public sealed record FeedbackReceipt(Guid Id, string Status);

/// <summary>Counts of one revision's answers.</summary>
public sealed record FeedbackCount(int Revision, int Helpful, int NotHelpful);

/// <summary>One reader's feedback as editors see it; nothing about the reader is kept but a per-day hash used for abuse limits.</summary>
public sealed record FeedbackView(Guid Id, int Revision, bool Helpful, string? Comment, string? SectionKind, DateTimeOffset CreatedAt, DateTimeOffset? HandledAt, string? HandledBy);

/// <summary>GET /v1/manage/articles/{id}/feedback: counts per revision (newest first) and the newest comments.</summary>
public sealed record FeedbackSummary(Guid ArticleId, int Helpful, int NotHelpful, IReadOnlyList<FeedbackCount> Revisions, IReadOnlyList<FeedbackView> Comments);
