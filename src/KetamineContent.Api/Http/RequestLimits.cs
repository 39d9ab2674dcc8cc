namespace KetamineContent.Api.Http;

/// <summary>
/// Section "Limits": the URL and header sizes the API accepts. Kestrel's own limits are set higher, so the API
/// answers an oversized request itself, with a problem body (414 or 431), instead of Kestrel's empty one.
/// </summary>
public static class RequestLimits
{
    public const int KestrelRequestLine = 64 * 1024;
    public const int KestrelHeaders = 128 * 1024;

    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        var maxUrl = app.Configuration.GetValue("Limits:MaxUrlLength", 8192);
        var maxHeaders = app.Configuration.GetValue("Limits:MaxHeaderBytes", 32 * 1024);
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (request.Path.Value!.Length + request.QueryString.Value!.Length > maxUrl)
            {
                await WriteAsync(context, StatusCodes.Status414UriTooLong, "URI too long", $"The URL is longer than {maxUrl} characters.");
                return;
            }

            var headerBytes = 0;
            foreach (var (name, values) in request.Headers)
            {
                headerBytes += name.Length + values.Sum(v => v?.Length ?? 0);
            }

            if (headerBytes > maxHeaders)
            {
                await WriteAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request headers too large", $"The request headers exceed {maxHeaders} bytes.");
                return;
            }

            await next(context);
        });
        return app;
    }

    private static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
