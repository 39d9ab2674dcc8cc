using KetamineContent.Api.Access;
using Npgsql;

namespace KetamineContent.Api.Trust;

/// <summary>Who a sign-off records: the profile's name and, when a profile signed, its id, credentials, specialty and URL as they stand now.</summary>
public sealed record Signer(Guid? ReviewerId, string Name, string[] Credentials, string? Specialty, string? Url);

/// <summary>
/// The one rule for who signs: <c>reviewerId</c> names a profile (refused when it is linked to another key);
/// otherwise <c>reviewedBy</c>, a free-text name as before profiles existed; otherwise the profile linked to the
/// signing key; otherwise the signing key's name.
/// </summary>
public static class SignOff
{
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

            return named.KeyId is Guid owner && owner != actor.KeyId
                ? (null, $"The reviewer profile {id} is linked to another API key; only that key can sign as this profile.")
                : (From(named), null);
        }

        if (!string.IsNullOrWhiteSpace(reviewedBy))
        {
            return (new Signer(null, reviewedBy.Trim(), [], null, null), null);
        }

        var linked = actor.KeyId is Guid keyId ? await ReviewerStore.ByKeyAsync(c, tx, keyId, ct) : null;
        return (linked is null ? new Signer(null, actor.Name, [], null, null) : From(linked), null);
    }

    private static Signer From(ReviewerRow r) => new(r.Id, r.Name, r.Credentials, r.Specialty, r.ProfileUrl);
}
