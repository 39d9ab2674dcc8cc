using System.Reflection;
using KetamineContent.Api.Access;
using Microsoft.AspNetCore.Mvc;

namespace KetamineContent.Api.EditorialConsole;

/// <summary>
/// The console's form targets outside the pages: sign in (API key or one-time link), sign out, the
/// console's own script and style, and media files for the signed-in user. Not part of the public API (left out of the OpenAPI document).
/// </summary>
public static class SessionEndpoints
{

    public static void MapConsoleSession(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/console").ExcludeFromDescription();
        group.MapPost("/session", SignInWithKey).AddEndpointFilter(SignInLimit);
        group.MapPost("/session/link", SignInWithLink).AddEndpointFilter(SignInLimit);
        group.MapGet("/sign-in/oidc", Auth.ConsoleOidc.Start);
        group.MapGet("/sign-in/again", Auth.ConsoleOidc.SignInAgain);
        group.MapPost("/sign-out", SignOut);
        group.MapGet("/assets/{name}", Asset);
        // An asset's file for the signed-in user, by the delivery endpoint's own handler (editors see every asset).
        group.MapGet("/media/{id:guid}/{filename}", Assets.AssetDelivery.Get);
    }

    /// <summary>Sign-in attempts a minute per client address (Console:SignInPerMinute), in the same one-minute windows as the API's limits.</summary>
    private static async ValueTask<object?> SignInLimit(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var limit = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConsoleOptions>>().Value.SignInPerMinute;
        if (limit > 0)
        {
            var outcome = http.RequestServices.GetRequiredService<RateLimitWindows>()
                .Take("console-sign-in:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"), limit);
            if (!outcome.Allowed)
            {
                http.Response.Headers.RetryAfter = outcome.ResetSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem($"Too many sign-in attempts from this address; retry after {outcome.ResetSeconds} s.",
                    statusCode: StatusCodes.Status429TooManyRequests, title: Http.ProblemTitles.For(429));
            }
        }

        return await next(context);
    }

    public static async Task<IResult> SignInWithKey(
        [FromForm] string? key, [FromForm] string? returnUrl, ConsoleSessions sessions, ApiKeyStore keys, HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(http);
        if (!KeySignInAllowed(http, link: false))
        {
            return KeySignInOff();
        }

        var id = await sessions.SignInWithKeyAsync(keys, key ?? "", ct);
        return Finish(id, returnUrl, "key", sessions, http);
    }

    public static async Task<IResult> SignInWithLink([FromForm] string? token, ConsoleSessions sessions, HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(http);
        if (!KeySignInAllowed(http, link: true))
        {
            return KeySignInOff();
        }

        var id = await sessions.SignInWithLinkAsync(token ?? "", ct);
        return Finish(id, null, "link", sessions, http);
    }

    /// <summary>POST /console/sign-out: ends this session (everywhere=1: every session of this person or key), then at the provider too.</summary>
    public static async Task<IResult> SignOut([FromForm] string? everywhere, ConsoleSessions sessions, HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(http);
        var idToken = await sessions.SignOutAsync(http.Request.Cookies[ConsoleSessions.CookieName], everywhere == "1", ct);
        http.Response.Cookies.Delete(ConsoleSessions.CookieName, sessions.CookieFor(http.Request));
        // A person signed in with the provider is signed out there too, where it advertises an end-session endpoint.
        return await Auth.ConsoleOidc.LogoutUrlAsync(http, idToken) is { } logout
            ? new Auth.SignOutAtProvider(logout)
            : SeeOther("/console/sign-in?signedOut=1");
    }

    public static IResult Asset(string name)
    {
        var type = Path.GetExtension(name) switch { ".css" => "text/css; charset=utf-8", ".js" => "text/javascript; charset=utf-8", _ => null };
        var stream = type is null ? null : Assembly.GetExecutingAssembly().GetManifestResourceStream("console/" + name);
        return stream is null || type is null
            ? Http.Problems.NotFound("No console file has this name.")
            : Results.Stream(stream, type);
    }

    private static IResult Finish(string? sessionId, string? returnUrl, string failure, ConsoleSessions sessions, HttpContext http)
    {
        if (sessionId is null)
        {
            return SeeOther("/console/sign-in?error=" + failure);
        }

        http.Response.Cookies.Append(ConsoleSessions.CookieName, sessionId, sessions.CookieFor(http.Request));
        return SeeOther(SafeReturnUrl(returnUrl));
    }

    /// <summary>Console:AllowKeySignIn=false removes key sign-in; the one-time link then stays for Development only.</summary>
    public static bool KeySignInAllowed(HttpContext http, bool link)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConsoleOptions>>().Value.AllowKeySignIn
            || (link && http.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment());
    }

    private static IResult KeySignInOff() =>
        Http.Problems.NotFound("Key sign-in to the console is switched off (Console:AllowKeySignIn=false): sign in with the organisation's identity provider.");

    /// <summary>Where to go after sign-in: a console path of this site (never the sign-in page, another host or a header-breaking value), else /console.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is not null && returnUrl.StartsWith("/console", StringComparison.Ordinal) && !returnUrl.StartsWith("/console/sign-in", StringComparison.Ordinal)
            && !returnUrl.Contains("//", StringComparison.Ordinal) && !returnUrl.Contains('\\', StringComparison.Ordinal)
            && returnUrl.All(ch => ch is > ' ' and < (char)0x7F) // a header value: printable ASCII only (else Kestrel refuses to send it)
            ? returnUrl
            : "/console";

    private static IResult SeeOther(string location) => new SeeOtherResult(location);

    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
