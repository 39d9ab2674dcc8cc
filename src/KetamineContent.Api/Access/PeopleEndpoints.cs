using System.Security.Claims;
using FluentValidation;
using KetamineContent.Api.Http;
using KetamineContent.Api.Writes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineContent.Api.Access;

/// <summary>A person of the organisation's identity provider: the ID token's iss and sub.</summary>
public sealed record PersonInput(string Issuer, string Subject);

/// <summary>How many console sessions were ended.</summary>
public sealed record SessionsEnded(int Ended);

public sealed class PersonInputValidator : AbstractValidator<PersonInput>
{
    public PersonInputValidator()
    {
        RuleFor(p => p.Issuer).CleanText();
        RuleFor(p => p.Issuer).Must(s => !string.IsNullOrWhiteSpace(s) && s.Length <= 500).WithMessage("'issuer' must be the provider's issuer (iss), 1 to 500 characters.");
        RuleFor(p => p.Subject).CleanText();
        RuleFor(p => p.Subject).Must(s => !string.IsNullOrWhiteSpace(s) && s.Length <= 500).WithMessage("'subject' must be the person's subject (sub), 1 to 500 characters.");
    }
}

/// <summary>/v1/manage/people (admin): end every console session of a person (a leaver, a lost device), audited.</summary>
public static class PeopleEndpoints
{
    public static RouteGroupBuilder MapPeople(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/manage/people").WithTags("People").RequireRateLimiting(RateLimits.PerKey).RequireAuthorization(Roles.Policies.Admin);
        group.MapPost("/sign-out", SignOut).WithName("SignOutPerson")
            .WithSummary("End every console session of a person (issuer + subject); they must sign in at the provider again")
            .AsCommand().Validate<PersonInput>();
        return group;
    }

    public static async Task<Ok<SessionsEnded>> SignOut(PersonInput input, CommandSession session, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (c, tx) = await session.BeginAsync(ct);
        var person = new PersonId(input.Issuer.Trim(), input.Subject.Trim(), null);
        var ended = await EditorialConsole.ConsoleSessions.EndPersonSessionsAsync(c, tx, person, ct);
        await ChangeLog.RecordAsync(c, tx, Actor.From(user), "person.signed_out", null, null, new { person.Issuer, person.Subject, ended }, readersAffected: false, ct);
        return TypedResults.Ok(new SessionsEnded(ended));
    }
}
