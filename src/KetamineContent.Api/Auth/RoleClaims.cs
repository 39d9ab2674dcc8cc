using KetamineContent.Api.Access;

namespace KetamineContent.Api.Auth;

/// <summary>
/// The one rule that turns a token's role-claim values into this API's role: a value that is a role's name grants
/// it, Auth:Oidc:RoleMap maps other values; of several, the strongest role wins. Null: no role granted.
/// </summary>
public static class RoleClaims
{
    public static string? Resolve(IEnumerable<string> values, OidcOptions options)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(options);
        var rank = -1;
        foreach (var value in values)
        {
            var role = options.RoleMap.TryGetValue(value, out var mapped) ? mapped : value;
            var index = Roles.All.ToList().IndexOf(role);
            rank = Math.Max(rank, index);
        }

        return rank < 0 ? null : Roles.All[rank];
    }
}
