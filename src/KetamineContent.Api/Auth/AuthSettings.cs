namespace KetamineContent.Api.Auth;

/// <summary>Section "Auth:Oidc": console sign-in with the organisation's OpenID Provider (off while Authority is empty).</summary>
public sealed class OidcOptions
{
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Space-separated scopes asked for.</summary>
    public string Scopes { get; set; } = "openid profile email";

    /// <summary>The claim (in ID and access tokens) whose values grant roles.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The provider's name on the sign-in button: "Sign in with {DisplayName}".</summary>
    public string DisplayName { get; set; } = "your organisation";

    /// <summary>False lets a provider on http loopback be used (tests, development).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Claim value → role, for values that are not a role's own name (group names, app roles).</summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A sign-off needs an authentication no older than this (the ID token's auth_time).</summary>
    public int SignOffMaxAgeMinutes { get; set; } = 15;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}

/// <summary>Section "Auth:Jwt": JWT access tokens (RFC 9068, typ at+jwt) on the management API (off while Authority is empty).</summary>
public sealed class JwtOptions
{
    public string? Authority { get; set; }

    public string? Audience { get; set; }

    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
