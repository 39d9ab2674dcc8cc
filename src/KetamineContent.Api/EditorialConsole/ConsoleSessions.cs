using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using KetamineContent.Api.Access;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KetamineContent.Api.EditorialConsole;

/// <summary>
/// Server-side console sessions: the browser holds only a random id (HttpOnly, SameSite=Strict cookie), the
/// database its hash, the key it was opened with and its expiry. A revoked key ends its sessions at once.
/// </summary>
public sealed class ConsoleSessions(NpgsqlDataSource dataSource, IOptions<ConsoleOptions> options)
{
    public const string CookieName = "kc_console";

    public const string AuthTimeClaim = Actor.AuthTimeClaim;

    private sealed record SessionKey(Guid KeyId, string Name, string Role);

    private sealed record SessionRow(Guid? KeyId, string Name, string Role, string? Issuer, string? Subject, string? Email, DateTime? AuthTime, string? IdToken);

    /// <summary>Signs in a person the OpenID Provider vouched for, with the console role their claim gave: a new session id.</summary>
    public async Task<string> SignInPersonAsync(Auth.Person person, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(person);
        var id = NewSecret();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(ConsoleSql.InsertPersonSession, new
        {
            Hash = Hash(id), person.Issuer, person.Subject, person.Name, person.Email, person.Role,
            AuthTime = person.AuthTime?.UtcDateTime, person.IdToken, Hours = options.Value.AbsoluteHours,
        }, cancellationToken: ct));
        return id;
    }

    /// <summary>Signs in with an API key: a new session id, or null when the key is unknown or revoked.</summary>
    public async Task<string?> SignInWithKeyAsync(ApiKeyStore keys, string presented, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (string.IsNullOrWhiteSpace(presented) || presented.Length > 200)
        {
            return null;
        }

        return await keys.FindAsync(presented.Trim(), ct) is { } key && MayUseConsole(key.Role) ? await OpenAsync(key.Id, ct) : null;
    }

    /// <summary>Signs in with a one-time link: a new session id, or null when the link is unknown, used, expired or its key revoked.</summary>
    public async Task<string?> SignInWithLinkAsync(string token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 200)
        {
            return null;
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var key = await connection.QuerySingleOrDefaultAsync<SessionKey>(new CommandDefinition(ConsoleSql.UseLoginLink, new { Hash = Hash(token) }, cancellationToken: ct));
        return key is null ? null : await OpenAsync(key.KeyId, ct);
    }

    /// <summary>Makes a one-time sign-in link token for an active key (the command line); null when the key is unknown or revoked.</summary>
    public async Task<string?> CreateLoginLinkAsync(Guid keyId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (await connection.QuerySingleOrDefaultAsync<SessionKey>(new CommandDefinition(ConsoleSql.ActiveKey, new { Id = keyId }, cancellationToken: ct)) is null)
        {
            return null;
        }

        var token = NewSecret();
        await connection.ExecuteAsync(new CommandDefinition(ConsoleSql.InsertLoginLink,
            new { Hash = Hash(token), KeyId = keyId, Minutes = options.Value.LoginLinkMinutes }, cancellationToken: ct));
        return token;
    }

    /// <summary>The signed-in user of a session id, with the same claims an API key gives (a person: also issuer, subject, email, auth_time); null when there is no live session.</summary>
    public async Task<ClaimsPrincipal?> FindAsync(string? sessionId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(sessionId) || sessionId.Length > 100)
        {
            return null;
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition(ConsoleSql.FindSession,
            new { Hash = Hash(sessionId), options.Value.IdleMinutes }, cancellationToken: ct));
        if (row is null)
        {
            return null;
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, row.Name), new(ClaimTypes.Role, row.Role) };
        if (row.KeyId is Guid keyId)
        {
            claims.Add(new Claim(ApiKeyAuthenticationHandler.KeyIdClaim, keyId.ToString()));
        }

        if (row.Issuer is not null && row.Subject is not null)
        {
            claims.Add(new Claim(Auth.JwtAccessTokens.IssuerClaim, row.Issuer));
            claims.Add(new Claim(Auth.JwtAccessTokens.SubjectClaim, row.Subject));
        }

        if (row.Email is not null)
        {
            claims.Add(new Claim(ClaimTypes.Email, row.Email));
        }

        if (row.AuthTime is DateTime authTime)
        {
            claims.Add(new Claim(AuthTimeClaim, new DateTimeOffset(DateTime.SpecifyKind(authTime, DateTimeKind.Utc)).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "ConsoleSession"));
    }

    /// <summary>Ends every console session of a person (an admin's command, in its transaction): how many there were.</summary>
    public static Task<int> EndPersonSessionsAsync(NpgsqlConnection c, NpgsqlTransaction tx, PersonId person, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(person);
        return c.ExecuteAsync(new CommandDefinition(ConsoleSql.DeletePersonSessions, new { person.Issuer, person.Subject }, tx, cancellationToken: ct));
    }

    /// <summary>
    /// Ends a session (<paramref name="everywhere"/>: and every other session of the same person or key); returns the
    /// ID token of a person's session (for RP-initiated logout), else null.
    /// </summary>
    public async Task<string?> SignOutAsync(string? sessionId, bool everywhere, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(sessionId) || sessionId.Length > 100)
        {
            return null;
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(ConsoleSql.DeleteSession, new { Hash = Hash(sessionId), Everywhere = everywhere }, cancellationToken: ct));
    }

    /// <summary>The cookie: HttpOnly, SameSite=Strict, Secure over HTTPS, limited to /console, as long as the session's absolute lifetime.</summary>
    public CookieOptions CookieFor(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = request.IsHttps,
            Path = "/console",
            MaxAge = TimeSpan.FromHours(options.Value.AbsoluteHours),
            IsEssential = true,
        };
    }

    private async Task<string> OpenAsync(Guid keyId, CancellationToken ct)
    {
        var id = NewSecret();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(ConsoleSql.InsertSession,
            new { Hash = Hash(id), KeyId = keyId, Hours = options.Value.AbsoluteHours }, cancellationToken: ct));
        return id;
    }

    /// <summary>Editors, reviewers and admins: the roles of the management API (a previewer key only reads previews).</summary>
    public static bool MayUseConsole(string role) => role is Roles.Editor or Roles.Reviewer or Roles.Admin;

    private static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
