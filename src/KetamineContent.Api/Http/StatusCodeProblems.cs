using Microsoft.AspNetCore.Diagnostics;

namespace KetamineContent.Api.Http;

/// <summary>
/// The problem body of an error that arrives without one: no route (404), a method the route does not take (405),
/// a body the framework refused before the handler ran (413, 415, 400).
/// </summary>
public static class StatusCodeProblems
{
    public static WebApplication UseStatusCodeProblems(this WebApplication app)
    {
        app.UseStatusCodePages(WriteAsync);
        return app;
    }

    private static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var detail = status switch
        {
            StatusCodes.Status404NotFound => "Nothing is found at this URL.",
            StatusCodes.Status405MethodNotAllowed => $"This URL does not accept {http.Request.Method}; the Allow header lists the methods it does.",
            StatusCodes.Status413PayloadTooLarge => RequestReadFailure.BodyTooLarge(http),
            StatusCodes.Status415UnsupportedMediaType => RequestReadFailure.UnsupportedMediaType(http),
            StatusCodes.Status400BadRequest => "The request could not be read.",
            _ => null,
        };
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Detail = detail },
        }).AsTask();
    }
}
