using System.Globalization;
using System.Security.Claims;
using KetamineContent.Api.Auth;

namespace KetamineContent.Api.Access;

/// <summary>A person the OpenID Provider vouched for, as a row names them: issuer + subject, and the email it gave.</summary>
public sealed record PersonId(
    string Issuer, string Subject, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Email)
{
    /// <summary>The person a row's person columns name, or null when they name none (a key's or the system's row).</summary>
    public static PersonId? Of(string? issuer, string? subject, string? email) => issuer is null || subject is null ? null : new(issuer, subject, email);
}

/// <summary>
/// Who is making a change: a key (its id), a person (issuer + subject, from a console session or a JWT access token),
/// or the system for background jobs; with the name and role either had. <see cref="AuthTime"/> is when a person last
/// authenticated at the provider (the ID token's or access token's auth_time), when it said.
/// </summary>
public sealed record Actor(Guid? KeyId, string Name, string Role)
{
    /// <summary>Claim carrying auth_time (Unix seconds) on every principal that has one.</summary>
    public const string AuthTimeClaim = "kc:auth_time";

    public static readonly Actor System = new(null, "system", "system");

    /// <summary>The operator at the command line (keys create, keys revoke ...).</summary>
    public static readonly Actor CommandLine = new(null, "command line", "system");

    /// <summary>The Auth:BootstrapAdminKey setting, applied at start-up.</summary>
    public static readonly Actor Bootstrap = new(null, "Auth:BootstrapAdminKey", "system");

    public PersonId? Person { get; init; }

    public DateTimeOffset? AuthTime { get; init; }

    // Row parameters: every insert naming an actor takes these with the key id.
    public string? PersonIssuer => Person?.Issuer;

    public string? PersonSubject => Person?.Subject;

    public string? PersonEmail => Person?.Email;

    public static Actor From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim);
        var keyId = Guid.TryParse(id, out var parsed) ? parsed : (Guid?)null;
        var issuer = user.FindFirstValue(JwtAccessTokens.IssuerClaim);
        var subject = user.FindFirstValue(JwtAccessTokens.SubjectClaim);
        return new Actor(keyId, user.FindFirstValue(ClaimTypes.Name) ?? "unknown", user.FindFirstValue(ClaimTypes.Role) ?? "unknown")
        {
            Person = keyId is null && issuer is not null && subject is not null ? new PersonId(issuer, subject, user.FindFirstValue(ClaimTypes.Email)) : null,
            AuthTime = long.TryParse(user.FindFirstValue(AuthTimeClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                       && seconds is > 0 and < 253402300799
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null,
        };
    }
}
