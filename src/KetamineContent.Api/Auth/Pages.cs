using System.Net;

namespace KetamineContent.Api.Auth;

/// <summary>The small stand-alone HTML pages of the sign-in round trip (outside /console's layout), with the console's CSP.</summary>
internal static class Pages
{
    public static async Task WriteAsync(HttpContext http, int status, string title, string bodyHtml, string head = "")
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Content-Security-Policy"] = EditorialConsole.ConsoleSessionMiddleware.ContentSecurityPolicy;
        await http.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">{head}<title>{WebUtility.HtmlEncode(title)} · KetamineContent</title>" +
            $"<link rel=\"stylesheet\" href=\"/console/assets/console.css\"></head><body><main><h1>{WebUtility.HtmlEncode(title)}</h1>{bodyHtml}</main></body></html>");
    }
}

/// <summary>
/// The console session is over; the browser goes on to the provider's end-session endpoint from a page, not a redirect:
/// the console's CSP (form-action 'self') would stop the sign-out form's redirect to another origin.
/// </summary>
internal sealed class SignOutAtProvider(string logoutUrl) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var target = WebUtility.HtmlEncode(logoutUrl);
        var name = WebUtility.HtmlEncode(httpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<OidcOptions>>().Value.DisplayName);
        return Pages.WriteAsync(httpContext, StatusCodes.Status200OK, "Signing out",
            $"<p>You are signed out of the console. <a href=\"{target}\">Continue to sign out of {name}</a>.</p>", $"<meta http-equiv=\"refresh\" content=\"0;url={target}\">");
    }
}
