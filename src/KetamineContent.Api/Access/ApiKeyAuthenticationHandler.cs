using System.Security.Claims;
using System.Text.Encodings.Web;
using KetamineContent.Api.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace KetamineContent.Api.Access;

/// <summary>
/// "Authorization: Bearer kc_..." checked against the stored hashes on every request, so a revoked key
/// stops working at once. 401 and 403 are problem+json; 401 carries WWW-Authenticate: Bearer.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "kc:key_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header must use the Bearer scheme.");
        }

        var presented = header["Bearer ".Length..].Trim();
        if (presented.Length is 0 or > 200)
        {
            return AuthenticateResult.Fail("The API key is missing or malformed.");
        }

        var key = await keys.FindAsync(presented, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }

        var identity = new ClaimsIdentity(
            [new Claim(KeyIdClaim, key.Value.Id.ToString()), new Claim(ClaimTypes.Name, key.Value.Name), new Claim(ClaimTypes.Role, key.Value.Role)],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await AuthProblems.ChallengeAsync(Context, result.Failure?.Message, "This operation needs an API key: send 'Authorization: Bearer <key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AuthProblems.ForbidAsync(Context);
}
