using KetamineContent.Api.Access;
using KetamineContent.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace KetamineContent.Api.Trust;

/// <summary>Who a sign-off records: the profile's name and, when a profile signed, its id, credentials, specialty and URL as they stand now.</summary>
public sealed record Signer(Guid? ReviewerId, string Name, string[] Credentials, string? Specialty, string? Url);

/// <summary>
/// The one rule for who signs: <c>reviewerId</c> names a profile (refused when it is linked to another key or person);
/// otherwise <c>reviewedBy</c>, a free-text name as before profiles existed; otherwise the profile linked to the
/// signing key or person; otherwise the signer's name. And the one rule for whether this caller may sign now
/// (<see cref="Refusal"/>): a person recently authenticated, a key only while Review:SignOffRequiresPerson is false.
/// </summary>
public static class SignOff
{
    /// <summary>The error RFC 9470 (OAuth 2.0 Step Up Authentication Challenge) names for an authentication too old.</summary>
    public const string InsufficientUserAuthentication = "insufficient_user_authentication";

    /// <summary>The signer, or why the request cannot be signed as given (422).</summary>
    public static async Task<(Signer? Signer, string? Refusal)> ResolveAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Guid? reviewerId, string? reviewedBy, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (reviewerId is Guid id)
        {
            var named = await ReviewerStore.LockAsync(c, tx, id, ct);
            if (named is null)
            {
                return (null, $"No reviewer profile has the id {id}.");
            }

            var linked = named.KeyId is not null || named.PersonSubject is not null;
            return linked && !IsLinkedTo(named, actor)
                ? (null, $"The reviewer profile {id} is linked to another API key or person; only they can sign as this profile.")
                : (From(named), null);
        }

        if (!string.IsNullOrWhiteSpace(reviewedBy))
        {
            return (new Signer(null, reviewedBy.Trim(), [], null, null), null);
        }

        var own = actor.KeyId is Guid keyId ? await ReviewerStore.ByKeyAsync(c, tx, keyId, ct)
            : actor.Person is { } person ? await ReviewerStore.ByPersonAsync(c, tx, person, ct)
            : null;
        return (own is null ? new Signer(null, actor.Name, [], null, null) : From(own), null);
    }

    /// <summary>
    /// Why this caller may not sign off now, or null: a key while Review:SignOffRequiresPerson is true (403); a person
    /// (console session or access token) whose last authentication at the provider (auth_time) is unknown or older than
    /// Auth:Oidc:SignOffMaxAgeMinutes (401, error insufficient_user_authentication and max_age as RFC 9470 has them).
    /// </summary>
    public static ProblemHttpResult? Refusal(Actor actor, bool requiresPerson, int maxAgeMinutes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.KeyId is not null)
        {
            return requiresPerson
                ? TypedResults.Problem(
                    "A sign-off must be a person's (Review:SignOffRequiresPerson is true): an API key cannot sign off. Sign in to the console " +
                    "with the organisation's identity provider, or call with the person's own access token.",
                    statusCode: StatusCodes.Status403Forbidden, title: ProblemTitles.For(403),
                    extensions: new Dictionary<string, object?> { ["setting"] = "Review:SignOffRequiresPerson" })
                : null;
        }

        var maxAge = TimeSpan.FromMinutes(maxAgeMinutes);
        if (actor.AuthTime is { } recent && now - recent <= maxAge)
        {
            return null;
        }

        var detail = actor.AuthTime is not { } at
            ? $"A sign-off needs an authentication no older than {maxAgeMinutes} minutes (Auth:Oidc:SignOffMaxAgeMinutes), and the credentials " +
              "say not when you authenticated (no auth_time). Sign in again at the identity provider, then sign off."
            : $"A sign-off needs an authentication no older than {maxAgeMinutes} minutes (Auth:Oidc:SignOffMaxAgeMinutes); you authenticated " +
              $"at {at:yyyy-MM-dd HH:mm:ss} UTC. Sign in again at the identity provider, then sign off.";
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: ProblemTitles.For(401),
            extensions: new Dictionary<string, object?> { ["error"] = InsufficientUserAuthentication, ["maxAge"] = (int)maxAge.TotalSeconds });
    }

    /// <summary>The WWW-Authenticate challenge of a refusal for an old authentication (RFC 9470 §3).</summary>
    public static string StepUpChallenge(int maxAgeMinutes) =>
        $"Bearer error=\"{InsufficientUserAuthentication}\", error_description=\"A sign-off needs a more recent authentication\", max_age=\"{maxAgeMinutes * 60}\"";

    private static bool IsLinkedTo(ReviewerRow profile, Actor actor) =>
        (profile.KeyId is Guid key && key == actor.KeyId)
        || (profile.PersonSubject is not null && actor.Person is { } p && p.Issuer == profile.PersonIssuer && p.Subject == profile.PersonSubject);

    private static Signer From(ReviewerRow r) => new(r.Id, r.Name, r.Credentials, r.Specialty, r.ProfileUrl);
}
