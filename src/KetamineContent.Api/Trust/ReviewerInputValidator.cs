using System.Text.RegularExpressions;
using FluentValidation;
using KetamineContent.Api.Http;

namespace KetamineContent.Api.Trust;

public sealed partial class ReviewerInputValidator : AbstractValidator<ReviewerInput>
{
    public const int MaxCredentials = 10;

    public ReviewerInputValidator()
    {
        RuleFor(r => r.Name).CleanText();
        RuleFor(r => r.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("'name' is required.")
            .MaximumLength(200).WithMessage("'name' must be at most 200 characters.");
        RuleFor(r => r.Credentials).Must(c => c!.Count <= MaxCredentials).When(r => r.Credentials is not null)
            .WithMessage($"'credentials' may hold at most {MaxCredentials} entries.");
        RuleFor(r => r.Credentials).Must(c => c!.All(x => x is not null && Credential().IsMatch(x))).When(r => r.Credentials is not null)
            .WithMessage("Each credential must be 1 to 40 letters, digits, spaces, dots, hyphens, apostrophes, ampersands or parentheses, starting with a letter or digit (for example MD, PharmD, FRCPsych).");
        RuleFor(r => r.Credentials).Must(c => c!.Distinct(StringComparer.OrdinalIgnoreCase).Count() == c!.Count)
            .When(r => r.Credentials is not null && r.Credentials.All(x => x is not null))
            .WithMessage("'credentials' must not list the same credential twice.");
        RuleFor(r => r.Specialty).CleanText();
        RuleFor(r => r.Specialty).Must(s => !string.IsNullOrWhiteSpace(s) && s.Length <= 100).When(r => r.Specialty is not null)
            .WithMessage("'specialty' must be 1 to 100 characters when given.");
        RuleFor(r => r.ProfileUrl).Must(IsHttpsUrl).When(r => r.ProfileUrl is not null)
            .WithMessage("'profileUrl' must be an absolute https URL of at most 2000 characters.");
        RuleFor(r => r.Orcid).Must(Orcid.IsValid).When(r => r.Orcid is not null)
            .WithMessage("'orcid' must be an ORCID iD such as 0000-0002-1825-0097 (four groups of four digits, the last one a MOD 11-2 check digit or X).");
        RuleFor(r => r.PersonSubject).Must(s => s is not null).When(r => r.PersonIssuer is not null)
            .WithMessage("'personSubject' is required with 'personIssuer': a person is their issuer and subject together.");
        RuleFor(r => r.PersonIssuer).Must(s => s is not null).When(r => r.PersonSubject is not null)
            .WithMessage("'personIssuer' is required with 'personSubject': a person is their issuer and subject together.");
        RuleFor(r => r.PersonIssuer).CleanText();
        RuleFor(r => r.PersonIssuer).Must(s => !string.IsNullOrWhiteSpace(s) && s.Length <= 500).When(r => r.PersonIssuer is not null)
            .WithMessage("'personIssuer' must be the provider's issuer (the ID token's iss), 1 to 500 characters.");
        RuleFor(r => r.PersonSubject).CleanText();
        RuleFor(r => r.PersonSubject).Must(s => !string.IsNullOrWhiteSpace(s) && s.Length <= 500).When(r => r.PersonSubject is not null)
            .WithMessage("'personSubject' must be the person's subject at the provider (the ID token's sub), 1 to 500 characters.");
    }

    public static bool IsHttpsUrl(string? url) =>
        url is { Length: <= 2000 } && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
        && !string.IsNullOrEmpty(uri.Host) && !url.Any(char.IsWhiteSpace);

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N} .'&()\-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex Credential();
}
