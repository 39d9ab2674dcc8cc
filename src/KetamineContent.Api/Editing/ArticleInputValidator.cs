using System.Text.RegularExpressions;
using FluentValidation;
using KetamineContent.Api.Content;
using KetamineContent.Api.Delivery;
using KetamineContent.Api.Http;

namespace KetamineContent.Api.Editing;

/// <summary>The same limits the schema enforces, answered as 400 with a message per field before anything is written.</summary>
public sealed partial class ArticleInputValidator : AbstractValidator<ArticleInput>
{
    public const int MaxSectionBody = 20_000;
    public const int MaxTags = 20;
    public const int MaxReferences = 100;

    public ArticleInputValidator()
    {
        RuleFor(a => a.Slug).NotEmpty().WithMessage("'slug' is required.")
            .Must(DeliveryRules.IsSlug).WithMessage("'slug' must be lowercase letters, digits and single hyphens, at most 120 characters.");
        RuleFor(a => a.Topic).NotEmpty().WithMessage("'topic' is required.")
            .Must(t => DeliveryRules.IsSlug(t) && t.Length <= 64).WithMessage("'topic' must be a topic slug such as 'depression' (see /v1/topics).");
        RuleFor(a => a.Locale).Must(DeliveryRules.IsLocale).When(a => a.Locale is not null).WithMessage("'locale' must look like 'en' or 'de-CH'.");
        RuleFor(a => a.Tags).Must(t => t!.Count <= MaxTags).When(a => a.Tags is not null).WithMessage($"'tags' may hold at most {MaxTags} tags.");
        RuleFor(a => a.Tags).Must(t => t!.Distinct(StringComparer.Ordinal).Count() == t!.Count).When(a => a.Tags is not null).WithMessage("'tags' must not repeat a tag.");
        RuleForEach(a => a.Tags).Must(t => DeliveryRules.IsSlug(t) && t.Length <= 40).WithMessage("Each tag must be a lowercase slug of at most 40 characters.");
        RuleFor(a => a.Title).CleanText();
        RuleFor(a => a.Summary).CleanText();
        RuleFor(a => a.Disclaimer).CleanText();
        RuleFor(a => a.ChangeNote).CleanText();
        RuleFor(a => a.Title).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("'title' is required.")
            .MaximumLength(200).WithMessage("'title' must be at most 200 characters.");
        RuleFor(a => a.Summary).MaximumLength(1000).WithMessage("'summary' must be at most 1000 characters.");
        RuleFor(a => a.Disclaimer).MaximumLength(1000).WithMessage("'disclaimer' must be at most 1000 characters.");
        RuleFor(a => a.ChangeNote).MaximumLength(500).WithMessage("'changeNote' must be at most 500 characters.");
        RuleFor(a => a.References).Must(r => r!.Count <= MaxReferences).When(a => a.References is not null)
            .WithMessage($"'references' may hold at most {MaxReferences} entries.");

        RuleFor(a => a.Sections).NotNull().WithMessage("'sections' is required.").DependentRules(() =>
        {
            RuleFor(a => a.Sections).Must(s => s.Count is >= 1 and <= 8).WithMessage("'sections' must hold 1 to 8 sections.");
            RuleFor(a => a.Sections).Must(s => s.Where(x => x is not null).Select(x => x.Kind).Distinct(StringComparer.Ordinal).Count() == s.Count)
                .WithMessage("Each section kind may appear only once.");
            RuleFor(a => a.Sections).Must(s => SectionKinds.Required.All(k => s.Any(x => x?.Kind == k)))
                .WithMessage("'sections' must include " + string.Join(", ", SectionKinds.Required) + ".");
            RuleForEach(a => a.Sections).NotNull().WithMessage("A section must not be null.").SetValidator(a => new SectionInputValidator(a.References?.Count ?? 0));
        });
        RuleForEach(a => a.References).NotNull().WithMessage("A reference must not be null.").SetValidator(new ReferenceInputValidator());
        Include(new Trust.ArticleLinksInputValidator());
        RuleFor(a => a.References).Must(r => DistinctIds(r!)).When(a => a.References is not null && a.References.All(x => x is not null))
            .WithMessage("Each reference 'id' may appear only once (a reference without an id is 'ref-n', n its position).");
    }

    private static bool DistinctIds(IReadOnlyList<ReferenceInput> references) =>
        references.Select((r, i) => r.EffectiveId(i + 1)).Distinct(StringComparer.Ordinal).Count() == references.Count;

    private sealed class SectionInputValidator : AbstractValidator<SectionInput>
    {
        public SectionInputValidator(int referenceCount)
        {
            RuleFor(s => s.Heading).CleanText();
            RuleFor(s => s.Body).CleanText();
            RuleFor(s => s.Kind).Must(SectionKinds.IsKnown).WithMessage("'kind' must be one of: " + string.Join(", ", SectionKinds.All) + ".");
            RuleFor(s => s.Heading).Must(h => !string.IsNullOrWhiteSpace(h)).WithMessage("'heading' is required.")
                .MaximumLength(200).WithMessage("'heading' must be at most 200 characters.");
            RuleFor(s => s.Body).MaximumLength(MaxSectionBody).WithMessage($"'body' must be at most {MaxSectionBody} characters.")
                .DependentRules(() => RuleFor(s => s.Body).Must(MarkdownRenderer.IsWithinDepth).WithMessage("'body' " + MarkdownRenderer.DepthMessage));
            RuleFor(s => s.Cites).Must(c => c!.Count <= 100 && c.All(n => n >= 1 && n <= referenceCount)).When(s => s.Cites is not null)
                .WithMessage($"'cites' must hold numbers of this revision's references (1 to {referenceCount}).");
        }
    }

    private sealed partial class ReferenceInputValidator : AbstractValidator<ReferenceInput>
    {
        public ReferenceInputValidator()
        {
            RuleFor(r => r.Title).CleanText();
            RuleFor(r => r.Doi).CleanText();
            RuleFor(r => r.Id).Must(Trust.CitationMarkers.IsId).When(r => r.Id is not null)
                .WithMessage("'id' must be lowercase letters, digits and single hyphens, at most 64 characters, for example taylor-2018.");
            RuleFor(r => r.Title).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("'title' is required.")
                .MaximumLength(500).WithMessage("'title' must be at most 500 characters.");
            RuleFor(r => r.Authors).Must(a => a!.Count <= 100).When(r => r.Authors is not null).WithMessage("'authors' may hold at most 100 names.");
            RuleForEach(r => r.Authors).CleanText().Must(a => !string.IsNullOrWhiteSpace(a) && a.Length <= 200)
                .WithMessage("Each author must be a name of 1 to 200 characters, for example 'Taylor JH'.");
            RuleFor(r => r.Journal).CleanText().Must(NonBlank(300)).WithMessage("'journal' must be 1 to 300 characters.");
            RuleFor(r => r.Publisher).CleanText().Must(NonBlank(300)).WithMessage("'publisher' must be 1 to 300 characters.");
            RuleFor(r => r.Volume).CleanText().Must(NonBlank(40)).WithMessage("'volume' must be 1 to 40 characters.");
            RuleFor(r => r.Issue).CleanText().Must(NonBlank(40)).WithMessage("'issue' must be 1 to 40 characters.");
            RuleFor(r => r.Pages).CleanText().Must(NonBlank(40)).WithMessage("'pages' must be 1 to 40 characters, for example 325-333.");
            RuleFor(r => r.Year).InclusiveBetween(1000, 2200).WithMessage("'year' must be a year such as 2018.");
            RuleFor(r => r.Url).Must(IsHttpsUrl).When(r => r.Url is not null).WithMessage("'url' must be an absolute https URL of at most 2000 characters.");
            RuleFor(r => r).Must(r => r.Url is not null || r.Doi is not null || r.PubmedId is not null)
                .WithName("url").OverridePropertyName("url").WithMessage("A reference needs a 'url', a 'doi' or a 'pubmedId'.");
            RuleFor(r => r.Doi).Must(d => Doi().IsMatch(d!) && d!.Length <= 200).When(r => r.Doi is not null).WithMessage("'doi' must look like 10.1000/xyz123.");
            RuleFor(r => r.PubmedId).Must(p => Pmid().IsMatch(p!)).When(r => r.PubmedId is not null).WithMessage("'pubmedId' must be 1 to 9 digits.");
        }

        private static Func<string?, bool> NonBlank(int max) => v => v is null || (!string.IsNullOrWhiteSpace(v) && v.Length <= max);

        private static bool IsHttpsUrl(string? url) =>
            url is { Length: <= 2000 } && !url.Any(ch => char.IsWhiteSpace(ch) || char.IsControl(ch))
            && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            && !string.IsNullOrEmpty(uri.Host);

        [GeneratedRegex(@"^10\.[0-9]{4,9}/\S+$")]
        private static partial Regex Doi();

        [GeneratedRegex("^[0-9]{1,9}$")]
        private static partial Regex Pmid();
    }
}
