using System.Net;
using System.Security.Claims;
using KetamineContent.Api.EditorialConsole;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace KetamineContent.Api.Auth;

/// <summary>A person the OpenID Provider vouched for: issuer + subject, name, email, the console role their claim gave.</summary>
public sealed record Person(string Issuer, string Subject, string Name, string? Email, string Role, DateTimeOffset? AuthTime, string? IdToken);

/// <summary>
/// Console sign-in with the organisation's OpenID Provider (Auth:Oidc:*): authorization code with PKCE, started at
/// /console/sign-in/oidc, answered at /signin-oidc. The ID token's role claim gives the console role
/// (<see cref="RoleClaims"/>); a person without one gets a 403 page and no session. The session is the console's own
/// (server-side, HttpOnly SameSite=Strict cookie): no token reaches the browser.
/// </summary>
public static class ConsoleOidc
{
    public const string SchemeName = "Oidc";
    public const string CallbackPath = "/signin-oidc";

    /// <summary>Asks the provider to put auth_time in the ID token (OpenID Connect Core 5.5): a sign-off needs to know how recent the authentication is.</summary>
    public const string AuthTimeClaimsRequest = "{\"id_token\":{\"auth_time\":{\"essential\":true}}}";

    public static bool IsEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["Auth:Oidc:Authority"]) && !string.IsNullOrWhiteSpace(configuration["Auth:Oidc:ClientId"]);

    public static bool IsEnabled(OidcOptions options) => options?.Enabled == true;

    /// <summary>The page that sends a signed-in person back to the provider to authenticate again, then to <paramref name="returnUrl"/>.</summary>
    public static string SignInAgainPath(string returnUrl) => "/console/sign-in/again?returnUrl=" + Uri.EscapeDataString(returnUrl);

    /// <summary>Registers the scheme only when Auth:Oidc:Authority and ClientId are set (else nothing changes).</summary>
    public static IServiceCollection AddConsoleOidc(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OidcOptions>().BindConfiguration("Auth:Oidc");
        if (!IsEnabled(configuration))
        {
            return services;
        }

        services.AddOptions<OpenIdConnectOptions>(SchemeName).Configure<IOptions<OidcOptions>>((o, oidc) => Configure(o, oidc.Value));
        services.AddAuthentication().AddOpenIdConnect(SchemeName, _ => { });
        return services;
    }

    private static void Configure(OpenIdConnectOptions o, OidcOptions oidc)
    {
        o.Authority = oidc.Authority;
        o.ClientId = oidc.ClientId;
        o.ClientSecret = oidc.ClientSecret;
        o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.ResponseMode = OpenIdConnectResponseMode.Query;
        o.UsePkce = true;
        o.CallbackPath = CallbackPath;
        o.MapInboundClaims = false;
        o.GetClaimsFromUserInfoEndpoint = false;
        o.SaveTokens = false;
        o.Scope.Clear();
        foreach (var scope in oidc.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            o.Scope.Add(scope);
        }

        // The correlation and nonce cookies live for the round trip only; Lax so the provider's redirect back carries them.
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.Events = new OpenIdConnectEvents
        {
            OnRedirectToIdentityProvider = context =>
            {
                // Every sign-in asks for auth_time; a step-up (max_age=0) gets it anyway (Core 3.1.2.1: required with max_age).
                context.ProtocolMessage.SetParameter("claims", AuthTimeClaimsRequest);
                return Task.CompletedTask;
            },
            OnTokenValidated = async context =>
            {
                context.HandleResponse();
                await SignInAsync(context.HttpContext, context.Principal!, context.TokenEndpointResponse?.IdToken, context.Properties?.RedirectUri, oidc);
            },
            OnRemoteFailure = context =>
            {
                context.HandleResponse();
                context.Response.Redirect("/console/sign-in?error=oidc");
                return Task.CompletedTask;
            },
        };
    }

    private static async Task SignInAsync(HttpContext http, ClaimsPrincipal principal, string? idToken, string? returnUrl, OidcOptions oidc)
    {
        var role = RoleClaims.Resolve(principal.FindAll(oidc.RoleClaim).Select(c => c.Value), oidc);
        var issuer = principal.FindFirstValue("iss");
        var subject = principal.FindFirstValue("sub");
        if (role is null || !ConsoleSessions.MayUseConsole(role) || issuer is null || subject is null)
        {
            await Pages.WriteAsync(http, StatusCodes.Status403Forbidden, "No console role",
                $"<p>{WebUtility.HtmlEncode(oidc.DisplayName)} signed you in, but your account has no role in the editorial console " +
                "(editor, reviewer or admin). You are not signed in here. Ask an administrator to give your account a role, then " +
                "<a href=\"/console/sign-in\">sign in again</a>.</p>");
            return;
        }

        var authTime = long.TryParse(principal.FindFirstValue("auth_time"), out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : (DateTimeOffset?)null;
        var person = new Person(issuer, subject, principal.FindFirstValue("name") ?? principal.FindFirstValue("email") ?? subject,
            principal.FindFirstValue("email"), role, authTime, idToken);
        var sessions = http.RequestServices.GetRequiredService<ConsoleSessions>();
        var id = await sessions.SignInPersonAsync(person, http.RequestAborted);
        http.Response.Cookies.Append(ConsoleSessions.CookieName, id, sessions.CookieFor(http.Request));
        // A page of this site moves on (not a redirect): the SameSite=Strict cookie is sent on a navigation this site starts.
        var target = WebUtility.HtmlEncode(SessionEndpoints.SafeReturnUrl(returnUrl));
        await Pages.WriteAsync(http, StatusCodes.Status200OK, "Signed in",
            $"<p>You are signed in. <a href=\"{target}\">Continue to the console</a>.</p>", $"<meta http-equiv=\"refresh\" content=\"0;url={target}\">");
    }

    /// <summary>How long sign-out waits for the provider's discovery document before it gives up on signing out there.</summary>
    private static readonly TimeSpan DiscoveryWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Where the browser goes to sign out at the provider too (RP-initiated logout), when it advertises an end-session
    /// endpoint; null when it does not, or when its discovery cannot be read (the console session is over either way).
    /// The way back is built from Content:PublicBaseUrl, never from the request's Host; without one it is left out.
    /// </summary>
    public static async Task<string?> LogoutUrlAsync(HttpContext http, string? idToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (idToken is null || !IsEnabled(http.RequestServices.GetRequiredService<IConfiguration>()))
        {
            return null;
        }

        var options = http.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(SchemeName);
        OpenIdConnectConfiguration configuration;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        wait.CancelAfter(DiscoveryWait);
        try
        {
            configuration = await options.ConfigurationManager!.GetConfigurationAsync(wait.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException
                                  or OperationCanceledException && !http.RequestAborted.IsCancellationRequested)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConsoleOidc))
                .LogWarning(e, "Sign-out: the OpenID Provider's discovery could not be read; the console session ended, the provider's was left as it is.");
            return null;
        }

        if (string.IsNullOrEmpty(configuration.EndSessionEndpoint))
        {
            return null;
        }

        var back = http.RequestServices.GetRequiredService<Http.PublicUrls>().Absolute("/console/sign-in?signedOut=1");
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(configuration.EndSessionEndpoint, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["id_token_hint"] = idToken,
            ["client_id"] = options.ClientId,
            ["post_logout_redirect_uri"] = back.StartsWith("http", StringComparison.Ordinal) ? back : null,
        });
    }

    /// <summary>
    /// GET /console/sign-in/oidc: starts the flow; the person comes back to returnUrl (a console path) once signed in.
    /// again=1 asks the provider to authenticate the person afresh (max_age=0), as a sign-off needs.
    /// </summary>
    public static IResult Start(string? returnUrl, string? again, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!IsEnabled(http.RequestServices.GetRequiredService<IConfiguration>()))
        {
            return Http.Problems.NotFound("Sign-in with an OpenID Provider is not configured (Auth:Oidc:Authority, Auth:Oidc:ClientId).");
        }

        var properties = new OpenIdConnectChallengeProperties { RedirectUri = SessionEndpoints.SafeReturnUrl(returnUrl) };
        if (again == "1")
        {
            properties.MaxAge = TimeSpan.Zero;
        }

        return Results.Challenge(properties, [SchemeName]);
    }

    /// <summary>
    /// GET /console/sign-in/again: a page that moves on to <see cref="Start"/> with again=1 (a page, not a redirect: the
    /// sign-off form's CSP form-action 'self' would stop a redirect chain reaching the provider).
    /// </summary>
    public static async Task SignInAgain(string? returnUrl, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var oidc = http.RequestServices.GetRequiredService<IOptions<OidcOptions>>().Value;
        var target = WebUtility.HtmlEncode("/console/sign-in/oidc?again=1&returnUrl=" + Uri.EscapeDataString(SessionEndpoints.SafeReturnUrl(returnUrl)));
        await Pages.WriteAsync(http, StatusCodes.Status200OK, "Sign in again to sign off",
            $"<p>A medical sign-off needs a sign-in within the last {oidc.SignOffMaxAgeMinutes} minutes. " +
            $"<a href=\"{target}\">Sign in again with {WebUtility.HtmlEncode(oidc.DisplayName)}</a>; you then come back to the sign-off.</p>",
            $"<meta http-equiv=\"refresh\" content=\"0;url={target}\">");
    }
}
