using System.Security.Claims;

namespace KetamineContent.Api.Access;

/// <summary>Who is making a change: the key's id, name and role (or the system, for background jobs).</summary>
public sealed record Actor(Guid? KeyId, string Name, string Role)
{
    public static readonly Actor System = new(null, "system", "system");

    /// <summary>The operator at the command line (keys create, keys revoke ...).</summary>
    public static readonly Actor CommandLine = new(null, "command line", "system");

    /// <summary>The Auth:BootstrapAdminKey setting, applied at start-up.</summary>
    public static readonly Actor Bootstrap = new(null, "Auth:BootstrapAdminKey", "system");

    public static Actor From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim);
        return new Actor(
            Guid.TryParse(id, out var keyId) ? keyId : null,
            user.FindFirstValue(ClaimTypes.Name) ?? "unknown",
            user.FindFirstValue(ClaimTypes.Role) ?? "unknown");
    }
}
