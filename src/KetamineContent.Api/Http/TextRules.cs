using FluentValidation;

namespace KetamineContent.Api.Http;

/// <summary>Text the store accepts: no control characters but tab and line breaks (PostgreSQL refuses NUL, and nothing else belongs in prose).</summary>
public static class TextRules
{
    public const string Message = "Text must not contain control characters other than tab and line breaks.";

    public static bool IsClean(string? text) => text is null || !text.Any(ch => char.IsControl(ch) && ch is not ('\t' or '\n' or '\r'));

    public static IRuleBuilderOptions<T, string?> CleanText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsClean).WithMessage(Message);
}
