using FluentValidation;
using KetamineContent.Api.Http;

namespace KetamineContent.Api.Releases;

public sealed class ReleaseInputValidator : AbstractValidator<ReleaseInput>
{
    public ReleaseInputValidator()
    {
        RuleFor(r => r.Title).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("'title' is required.")
            .MaximumLength(200).WithMessage("'title' must be at most 200 characters.");
        RuleFor(r => r.Title).CleanText();
        RuleFor(r => r.Notes).CleanText();
        RuleFor(r => r.Notes).MaximumLength(2000).WithMessage("'notes' must be at most 2000 characters.");
    }
}

public sealed class ReleaseItemInputValidator : AbstractValidator<ReleaseItemInput>
{
    public ReleaseItemInputValidator()
    {
        RuleFor(i => i.ArticleId).NotEmpty().WithMessage("'articleId' must be an article's id.");
        RuleFor(i => i.Revision).GreaterThanOrEqualTo(1).WithMessage("'revision' must be a revision number (1 or more).");
    }
}

public sealed class ReleasePublishInputValidator : AbstractValidator<ReleasePublishInput>
{
    public ReleasePublishInputValidator()
    {
        RuleFor(p => p.At).Must(a => a!.Value.Year is >= 2000 and <= 2200).When(p => p.At is not null)
            .WithMessage("'at' must be an RFC 3339 time between the years 2000 and 2200.");
    }
}
