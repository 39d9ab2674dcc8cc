using FluentValidation;
using KetamineContent.Api.Delivery;
using KetamineContent.Api.Http;

namespace KetamineContent.Api.Editing;

public sealed class ReviewInputValidator : AbstractValidator<ReviewInput>
{
    public ReviewInputValidator()
    {
        RuleFor(r => r.ReviewedBy).Must(v => !string.IsNullOrWhiteSpace(v)).When(r => r.ReviewedBy is not null)
            .WithMessage("'reviewedBy' must not be empty when given (leave it out to sign as the key's reviewer profile).")
            .MaximumLength(200).WithMessage("'reviewedBy' must be at most 200 characters.");
        RuleFor(r => r.ReviewerId).Null().When(r => r.ReviewedBy is not null)
            .WithMessage("Give 'reviewerId' (a reviewer profile) or 'reviewedBy' (a free-text name), not both.");
        RuleFor(r => r.ReviewedBy).CleanText();
        RuleFor(r => r.Notes).CleanText();
        RuleFor(r => r.Notes).MaximumLength(2000).WithMessage("'notes' must be at most 2000 characters.");
    }
}

public sealed class PublishInputValidator : AbstractValidator<PublishInput>
{
    public PublishInputValidator()
    {
        RuleFor(p => p.Revision).GreaterThanOrEqualTo(1).WithMessage("'revision' must be a revision number (1 or more).");
        RuleFor(p => p.At).Must(a => a!.Value.Year is >= 2000 and <= 2200).When(p => p.At is not null)
            .WithMessage("'at' must be an RFC 3339 time between the years 2000 and 2200.");
        RuleFor(p => p.OverrideReason).CleanText();
        RuleFor(p => p.OverrideReason).Must(r => !string.IsNullOrWhiteSpace(r) && r.Length <= 500).When(p => p.OverrideReason is not null)
            .WithMessage("'overrideReason' must be 1 to 500 characters when given.");
    }
}

public sealed class WithdrawInputValidator : AbstractValidator<WithdrawInput>
{
    public WithdrawInputValidator()
    {
        RuleFor(w => w.Reason).CleanText();
        RuleFor(w => w.Reason).MaximumLength(200).WithMessage("'reason' must be at most 200 characters.");
        RuleFor(w => w.ReplacementSlug).Must(DeliveryRules.IsSlug).When(w => w.ReplacementSlug is not null)
            .WithMessage("'replacementSlug' must be an article slug.");
    }
}
