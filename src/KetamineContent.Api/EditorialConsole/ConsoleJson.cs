using Microsoft.AspNetCore.Antiforgery;

namespace KetamineContent.Api.EditorialConsole;

/// <summary>
/// The console's script posts JSON (the editor form as an object) to a few console routes. Antiforgery checks form
/// posts by itself; these carry the page's token in the X-CSRF-Token header and are checked here, before binding.
/// </summary>
public static class ConsoleJson
{
    public static async ValueTask<object?> RequireToken(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        return await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http)
            ? await next(context)
            : Http.Problems.BadRequest("The request carries no valid antiforgery token (X-CSRF-Token): reload the page and try again.");
    }
}
