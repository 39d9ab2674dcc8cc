using FluentValidation;
using KetamineContent.Api.Http;

namespace KetamineContent.Api.Clinical;

/// <summary>The rules of a list of codes: known systems, codes of their system's shape, no code twice, displays of clean text.</summary>
public static class CodeRules
{
    public const int MaxCodes = 50;

    public static void Apply<T>(AbstractValidator<T> validator) where T : ICodedInput
    {
        ArgumentNullException.ThrowIfNull(validator);
        validator.RuleFor(x => x.Codes).NotNull().WithMessage("'codes' is required (an empty list removes them all).");
        validator.RuleFor(x => x.Codes).Must(c => c!.Count <= MaxCodes).When(x => x.Codes is not null)
            .WithMessage($"'codes' may hold at most {MaxCodes} codes.");
        validator.RuleForEach(x => x.Codes).Must(c => c is not null && CodeSystems.IsKnown(c.System)).When(x => x.Codes is { Count: <= MaxCodes })
            .WithMessage($"Each code's 'system' must be one of {string.Join(", ", CodeSystems.All.Select(s => s.System))}.");
        validator.RuleForEach(x => x.Codes).Must(c => c is null || !CodeSystems.IsKnown(c.System) || CodeSystems.IsValid(c.System, c.Code))
            .When(x => x.Codes is { Count: <= MaxCodes })
            .WithMessage("Each 'code' must have its system's form: ICD-10-CM like F32 or F32.9 (uppercase), SNOMED CT a concept id of 6 to 18 digits with its Verhoeff check digit, RxNorm an RxCUI of 1 to 10 digits.");
        validator.RuleForEach(x => x.Codes).Must(c => c?.Display is null || (TextRules.IsClean(c.Display) && c.Display.Trim().Length is >= 1 and <= 200))
            .When(x => x.Codes is { Count: <= MaxCodes })
            .WithMessage("Each 'display' must be 1 to 200 characters of text when given.");
        validator.RuleFor(x => x.Codes).Must(c => c!.Where(x => x is not null).DistinctBy(x => (x.System, x.Code)).Count() == c!.Count(x => x is not null))
            .When(x => x.Codes is { Count: <= MaxCodes })
            .WithMessage("'codes' must not list the same code of a system twice.");
    }
}

public sealed class TopicCodesInputValidator : AbstractValidator<TopicCodesInput>
{
    public TopicCodesInputValidator() => CodeRules.Apply(this);
}

public sealed class ArticleClinicalInputValidator : AbstractValidator<ArticleClinicalInput>
{
    public ArticleClinicalInputValidator()
    {
        CodeRules.Apply(this);
        RuleFor(x => x.Funding).CleanText();
        RuleFor(x => x.Funding).Must(f => f!.Trim().Length is >= 1 and <= 1000).When(x => x.Funding is not null)
            .WithMessage("'funding' must be 1 to 1,000 characters when given.");
        RuleFor(x => x.ConflictsOfInterest).CleanText();
        RuleFor(x => x.ConflictsOfInterest).Must(f => f!.Trim().Length is >= 1 and <= 1000).When(x => x.ConflictsOfInterest is not null)
            .WithMessage("'conflictsOfInterest' must be 1 to 1,000 characters when given.");
    }
}
