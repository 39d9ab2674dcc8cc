using FluentValidation;
using KetamineContent.Api.Http;
using KetamineContent.Api.Auth;
using Microsoft.AspNetCore.Authentication;

namespace KetamineContent.Api.Access;

public static class AccessServiceExtensions
{
    public static IServiceCollection AddAccess(this IServiceCollection services)
    {
        services.AddKeyStore();
        services.AddSingleton<IValidator<KeyInput>, KeyInputValidator>();
        services.AddSingleton<IValidator<PersonInput>, PersonInputValidator>();
        services.AddAuthentication(JwtAccessTokens.BearerSchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtAccessTokens();
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Policies.Previewer, p => p.RequireAuthenticatedUser().RequireRole(Roles.All))
            .AddPolicy(Roles.Policies.Editor, p => p.RequireAuthenticatedUser().RequireRole(Roles.Editor, Roles.Reviewer, Roles.Admin))
            .AddPolicy(Roles.Policies.Reviewer, p => p.RequireAuthenticatedUser().RequireRole(Roles.Reviewer, Roles.Admin))
            .AddPolicy(Roles.Policies.Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        return services;
    }

    /// <summary>The key store and the bootstrap admin key: what the web host and the command line both need.</summary>
    public static IServiceCollection AddKeyStore(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration("Auth");
        services.AddSingleton<KeyCache>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<BootstrapAdminKey>();
        return services;
    }

    /// <summary>
    /// Authentication for requests that present credentials (an Authorization header), and the OpenID Provider's answer at /signin-oidc. Without one the handler has
    /// nothing to check and the caller stays anonymous, so public reads skip it; a route that needs a key still answers
    /// 401 through the challenge, which does not depend on this middleware.
    /// </summary>
    public static WebApplication UseApiKeyAuthentication(this WebApplication app) =>
        app.UseOnlyWhere(
            context => context.Request.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.Authorization) || context.Request.Path.Equals(ConsoleOidc.CallbackPath, StringComparison.Ordinal),
            branch => branch.UseAuthentication());

    public static IEndpointRouteBuilder MapAccess(this IEndpointRouteBuilder routes)
    {
        routes.MapKeys();
        routes.MapAudit();
        routes.MapPeople();
        return routes;
    }
}
