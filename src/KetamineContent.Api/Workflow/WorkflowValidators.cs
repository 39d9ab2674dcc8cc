using FluentValidation;
using KetamineContent.Api.Access;
using KetamineContent.Api.Content;
using KetamineContent.Api.Http;

namespace KetamineContent.Api.Workflow;

public sealed class CommentInputValidator : AbstractValidator<CommentInput>
{
    public CommentInputValidator()
    {
        RuleFor(c => c.Body).Must(b => !string.IsNullOrWhiteSpace(b)).WithMessage("'body' is required.")
            .MaximumLength(5000).WithMessage("'body' must be at most 5000 characters.");
        RuleFor(c => c.Body).CleanText();
        RuleFor(c => c.Revision).GreaterThanOrEqualTo(1).WithMessage("'revision' must be a revision number (1 or more).");
        RuleFor(c => c.SectionKind).Must(k => SectionKinds.All.Contains(k!, StringComparer.Ordinal)).When(c => c.SectionKind is not null)
            .WithMessage("'sectionKind' must be one of: " + string.Join(", ", SectionKinds.All) + ".");
    }
}

public sealed class TaskInputValidator : AbstractValidator<TaskInput>
{
    public TaskInputValidator()
    {
        RuleFor(t => t.Title).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("'title' is required.")
            .MaximumLength(200).WithMessage("'title' must be at most 200 characters.");
        RuleFor(t => t.Title).CleanText();
        RuleFor(t => t.Assignee).Must(a => a is not null && (Guid.TryParse(a, out _) || Roles.IsKnown(a)))
            .WithMessage("'assignee' must be an API key's id or a role (" + string.Join(", ", Roles.All) + ").");
        RuleFor(t => t.Revision).GreaterThanOrEqualTo(1).When(t => t.Revision is not null).WithMessage("'revision' must be a revision number (1 or more).");
        RuleFor(t => t.Due).Must(d => d!.Value.Year is >= 2000 and <= 2200).When(t => t.Due is not null)
            .WithMessage("'due' must be an RFC 3339 time between the years 2000 and 2200.");
    }
}

public sealed class ResolveTaskInputValidator : AbstractValidator<ResolveTaskInput>
{
    public ResolveTaskInputValidator()
    {
        RuleFor(r => r.Note).CleanText();
        RuleFor(r => r.Note).MaximumLength(2000).WithMessage("'note' must be at most 2000 characters.");
    }
}
