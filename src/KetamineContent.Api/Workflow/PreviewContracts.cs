using FluentValidation;

namespace KetamineContent.Api.Workflow;

/// <summary>POST /v1/manage/articles/{id}/preview-links: a revision (default: always the latest) and a lifetime of 1 to 168 hours.</summary>
public sealed record PreviewLinkInput(int? Revision, int ExpiresInHours);

/// <summary>A preview link. <c>token</c> and <c>url</c> are shown only when it is created.</summary>
public sealed record PreviewLink(
    Guid Id, Guid ArticleId, string Slug, string Locale, int? Revision, DateTimeOffset ExpiresAt, DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt, string CreatedBy, string? Token = null, string? Url = null);

public sealed record PreviewLinkList(IReadOnlyList<PreviewLink> Items);

public sealed class PreviewLinkInputValidator : AbstractValidator<PreviewLinkInput>
{
    public const int MaxHours = 168;

    public PreviewLinkInputValidator()
    {
        RuleFor(p => p.ExpiresInHours).InclusiveBetween(1, MaxHours).WithMessage($"'expiresInHours' must be 1 to {MaxHours} (a week).");
        RuleFor(p => p.Revision).GreaterThanOrEqualTo(1).When(p => p.Revision is not null)
            .WithMessage("'revision' must be a revision number (1 or more).");
    }
}

public sealed class PreviewLinkRow
{
    public Guid Id { get; init; }
    public Guid ArticleId { get; init; }
    public string Slug { get; init; } = "";
    public string Locale { get; init; } = "";
    public int? Revision { get; init; }
    public DateTime ExpiresAt { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? RevokedAt { get; init; }
    public string Actor { get; init; } = "";

    public PreviewLink ToContract(string? token = null, string? url = null) => new(
        Id, ArticleId, Slug, Locale, Revision, Delivery.DeliveryMapping.Utc(ExpiresAt), Delivery.DeliveryMapping.Utc(CreatedAt),
        RevokedAt is { } r ? Delivery.DeliveryMapping.Utc(r) : null, Actor, token, url);
}
