namespace KetamineContent.Api.EditorialConsole;

/// <summary>
/// Every /console request: no-store, a Content-Security-Policy without inline script, and the session cookie
/// turned into the signed-in user (the same claims an API key gives). Without a live session, a page request is
/// sent to the sign-in page; only sign-in itself and the console's static files are open.
/// </summary>
public sealed class ConsoleSessionMiddleware(RequestDelegate next, ConsoleSessions sessions)
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob: https:; connect-src 'self'; " +
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static readonly PathString[] Open = ["/console/sign-in", "/console/session", "/console/assets"];

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/console"))
        {
            await next(context);
            return;
        }

        var headers = context.Response.Headers;
        headers["Content-Security-Policy"] = ContentSecurityPolicy;
        if (!path.StartsWithSegments("/console/assets"))
        {
            headers.CacheControl = "no-store";
        }

        if (await sessions.FindAsync(context.Request.Cookies[ConsoleSessions.CookieName], context.RequestAborted) is { } user)
        {
            context.User = user;
        }
        else if (!Open.Any(p => path.StartsWithSegments(p)))
        {
            var back = context.Request.Path + context.Request.QueryString;
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            headers.Location = "/console/sign-in?returnUrl=" + Uri.EscapeDataString(back);
            return;
        }

        await next(context);
    }
}
