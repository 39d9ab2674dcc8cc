using Microsoft.AspNetCore.Mvc;

namespace KetamineContent.Api.Auth;

/// <summary>The 401 and 403 problem+json every scheme (API key, JWT access token) answers with.</summary>
public static class AuthProblems
{
    public static async Task ChallengeAsync(HttpContext http, string? failure, string anonymousDetail)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = failure is null
            ? "Bearer"
            : "Bearer error=\"invalid_token\", error_description=\"" + failure.Replace('"', '\'') + "\"";
        await WriteAsync(http, StatusCodes.Status401Unauthorized, failure ?? anonymousDetail);
    }

    public static Task ForbidAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        var role = http.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value;
        return WriteAsync(http, StatusCodes.Status403Forbidden, role is null
            ? "The token grants no role of this API (see Auth:Oidc:RoleClaim and Auth:Oidc:RoleMap)."
            : $"The role '{role}' may not perform this operation.");
    }

    private static async Task WriteAsync(HttpContext http, int status, string detail) =>
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
        });
}
