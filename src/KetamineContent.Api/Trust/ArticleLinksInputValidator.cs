using FluentValidation;
using KetamineContent.Api.Delivery;
using KetamineContent.Api.Editing;

namespace KetamineContent.Api.Trust;

/// <summary>400 for links and related entries that are plainly malformed; whether they lead anywhere is decided at publish (422).</summary>
public sealed class ArticleLinksInputValidator : AbstractValidator<ArticleInput>
{
    public const int MaxRelated = 20;
    public const int MaxLinks = 200;

    public ArticleLinksInputValidator()
    {
        RuleFor(a => a.Related).Must(r => r!.Count <= MaxRelated).When(a => a.Related is not null)
            .WithMessage($"'related' may hold at most {MaxRelated} slugs.");
        RuleFor(a => a.Related).Must(r => r!.All(x => x is not null && DeliveryRules.IsSlug(x.Slug))).When(a => a.Related is not null)
            .WithMessage("Each entry of 'related' must be an article slug (lowercase letters, digits and single hyphens).");
        RuleFor(a => a.Related).Must(r => r!.Where(x => x is not null).Select(x => x.Slug).Distinct(StringComparer.Ordinal).Count() == r!.Count)
            .When(a => a.Related is not null).WithMessage("'related' must not repeat a slug.");
        RuleFor(a => a.Related).Must((a, r) => r!.All(x => x?.Slug != a.Slug)).When(a => a.Related is not null)
            .WithMessage("'related' must not list the article itself.");
        RuleFor(a => a.Sections).Must(s => BadTargets(s).Count == 0).When(Parsable)
            .WithMessage(a => $"Links to articles must be written [text](article:slug) with an article slug; not: {string.Join(", ", BadTargets(a.Sections).Select(t => $"'article:{t}'"))}.")
            .OverridePropertyName("sections");
        RuleFor(a => a.Sections).Must(s => ArticleLinks.Find(s.Where(x => x is not null).Select(x => x.Body)).Count <= MaxLinks).When(Parsable)
            .WithMessage($"The sections may link to at most {MaxLinks} different articles.").OverridePropertyName("sections");
    }

    /// <summary>Links are looked for only in bodies Markdig parses (a body nested too deep is refused by its own rule).</summary>
    private static bool Parsable(ArticleInput a) => a.Sections is not null && a.Sections.All(x => x is null || MarkdownRenderer.IsWithinDepth(x.Body));

    private static List<string> BadTargets(IReadOnlyList<SectionInput> sections) =>
        ArticleLinks.Find(sections.Where(x => x is not null).Select(x => x.Body)).Where(t => !DeliveryRules.IsSlug(t)).ToList();
}
