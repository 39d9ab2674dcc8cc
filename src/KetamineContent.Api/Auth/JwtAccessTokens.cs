using System.Security.Claims;
using KetamineContent.Api.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace KetamineContent.Api.Auth;

/// <summary>
/// JWT access tokens from Auth:Jwt:Authority beside API keys, in the same "Authorization: Bearer" header: a value
/// shaped like a JWT goes to the JWT scheme (issuer, audience, lifetime, signature and typ at+jwt checked), anything
/// else to the key scheme. Roles come from Auth:Oidc:RoleClaim by <see cref="RoleClaims"/>; the name is the token's
/// name, client_id or sub. A bad token is 401 problem+json, like a bad key.
/// </summary>
public static class JwtAccessTokens
{
    public const string SchemeName = "Jwt";

    /// <summary>The default scheme: picks the key or the JWT scheme by the header's shape.</summary>
    public const string BearerSchemeName = "Bearer";

    public const string IssuerClaim = "kc:issuer";
    public const string SubjectClaim = "kc:subject";

    public static AuthenticationBuilder AddJwtAccessTokens(this AuthenticationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<JwtOptions>().BindConfiguration("Auth:Jwt");
        builder.Services.AddOptions<OidcOptions>().BindConfiguration("Auth:Oidc");
        builder.Services.AddOptions<JwtBearerOptions>(SchemeName).Configure<IOptions<JwtOptions>>((options, jwt) => Configure(options, jwt.Value));
        builder.AddPolicyScheme(BearerSchemeName, "API key or JWT access token", options => options.ForwardDefaultSelector = Select);
        return builder.AddJwtBearer(SchemeName, _ => { });
    }

    private static string Select(HttpContext http)
    {
        string? header = http.Request.Headers.Authorization;
        var jwt = http.RequestServices.GetRequiredService<IOptions<JwtOptions>>().Value;
        return jwt.Enabled && header is not null && header.StartsWith("Bearer eyJ", StringComparison.OrdinalIgnoreCase) && header.Count(c => c == '.') == 2
            ? SchemeName
            : ApiKeyAuthenticationHandler.SchemeName;
    }

    private static void Configure(JwtBearerOptions options, JwtOptions jwt)
    {
        options.Authority = jwt.Authority;
        options.Audience = jwt.Audience;
        options.RequireHttpsMetadata = jwt.RequireHttpsMetadata;
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireExpirationTime = true,
            ValidTypes = ["at+jwt", "application/at+jwt"],
            NameClaimType = ClaimTypes.Name,
            RoleClaimType = ClaimTypes.Role,
        };
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var oidc = context.HttpContext.RequestServices.GetRequiredService<IOptions<OidcOptions>>().Value;
                if (context.Principal?.Identity is ClaimsIdentity identity)
                {
                    Normalise(identity, oidc);
                }

                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                await AuthProblems.ChallengeAsync(context.HttpContext, Explain(context.AuthenticateFailure),
                    "This operation needs an API key or an access token: send 'Authorization: Bearer <key or token>'.");
            },
            OnForbidden = context => AuthProblems.ForbidAsync(context.HttpContext),
        };
    }

    /// <summary>Adds the claims every scheme gives (name, role, issuer + subject) to a validated token's identity.</summary>
    public static void Normalise(ClaimsIdentity identity, OidcOptions oidc)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(oidc);
        var role = RoleClaims.Resolve(identity.FindAll(oidc.RoleClaim).Select(c => c.Value), oidc);
        if (role is not null)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }

        var name = identity.FindFirst("name")?.Value ?? identity.FindFirst("client_id")?.Value ?? identity.FindFirst("sub")?.Value ?? "unknown";
        identity.AddClaim(new Claim(ClaimTypes.Name, name));
        if (identity.FindFirst("iss")?.Value is { } issuer && identity.FindFirst("sub")?.Value is { } subject)
        {
            identity.AddClaim(new Claim(IssuerClaim, issuer));
            identity.AddClaim(new Claim(SubjectClaim, subject));
        }

        if (identity.FindFirst("email")?.Value is { } email)
        {
            identity.AddClaim(new Claim(ClaimTypes.Email, email));
        }

        // When the person last authenticated at the provider (RFC 9068 §2.2.1): a sign-off needs a recent one.
        if (identity.FindFirst("auth_time")?.Value is { } authTime)
        {
            identity.AddClaim(new Claim(Actor.AuthTimeClaim, authTime));
        }
    }

    private static string? Explain(Exception? failure) => failure switch
    {
        null => null,
        SecurityTokenExpiredException => "The access token has expired.",
        SecurityTokenNotYetValidException => "The access token is not valid yet.",
        SecurityTokenInvalidAudienceException => "The access token is for another audience.",
        SecurityTokenInvalidIssuerException => "The access token is from another issuer.",
        SecurityTokenInvalidTypeException => "The token is not an access token (typ at+jwt).",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The access token's signature does not verify with the issuer's keys.",
        _ => "The access token is invalid.",
    };
}
