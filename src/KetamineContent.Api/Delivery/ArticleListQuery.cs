using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using FluentValidation;

namespace KetamineContent.Api.Delivery;

/// <summary>Query parameters of GET /v1/articles.</summary>
public sealed record ArticleListQuery
{
    [Description("Only articles about this topic (see /v1/topics).")]
    [FromQuery(Name = "topic")]
    public string? Topic { get; init; }

    [Description("Only articles carrying this tag.")]
    [FromQuery(Name = "tag")]
    public string? Tag { get; init; }

    [Description("Only articles in this locale, for example en or de-CH.")]
    [FromQuery(Name = "locale")]
    public string? Locale { get; init; }

    [Description("published, updated, title, reviewDue (next medical review due, soonest first) or lastReviewed (last sign-off, oldest first); a leading '-' sorts descending. Default -published.")]
    [FromQuery(Name = "sort")]
    public string? Sort { get; init; }

    [Description("Page size, 1 to 100. Default 20.")]
    [FromQuery(Name = "limit")]
    [Range(1, 100)]
    public int? Limit { get; init; }

    [Description("The nextCursor of the previous page, passed back unchanged.")]
    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }

    [Description("true adds 'total', the number of articles matching the filters across all pages.")]
    [FromQuery(Name = "count")]
    public bool? Count { get; init; }

    public const string DefaultSort = "-published";
    public const int DefaultLimit = 20;

    public string EffectiveSort => Sort ?? DefaultSort;

    public int EffectiveLimit => Limit ?? DefaultLimit;
}

public sealed class ArticleListQueryValidator : AbstractValidator<ArticleListQuery>
{
    public ArticleListQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, 100).WithMessage("'limit' must be between 1 and 100.");
        RuleFor(q => q.Sort).Must(s => s is null || ArticleListSql.Sorts.ContainsKey(s))
            .WithMessage("'sort' must be one of: " + string.Join(", ", ArticleListSql.Sorts.Keys) + ".");
        RuleFor(q => q.Topic).Must(DeliveryRules.IsSlug).When(q => q.Topic is not null)
            .WithMessage("'topic' must be a lowercase slug such as 'depression'.");
        RuleFor(q => q.Tag).Must(DeliveryRules.IsSlug).When(q => q.Tag is not null)
            .WithMessage("'tag' must be a lowercase slug such as 'dependence'.");
        RuleFor(q => q.Locale).Must(DeliveryRules.IsLocale).When(q => q.Locale is not null)
            .WithMessage("'locale' must look like 'en' or 'de-CH'.");
        RuleFor(q => q.Cursor).Must((q, c) => ListCursor.TryDecode(c, out var cursor) && cursor!.Sort == q.EffectiveSort)
            .When(q => q.Cursor is not null)
            .WithMessage("'cursor' is not a cursor this list handed out for this sort; start again without it.");
    }
}
