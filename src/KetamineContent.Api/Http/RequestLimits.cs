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
        // Synchronous and allocation-free on the way through: this runs before every request, cache hits included.
        app.Use((context, next) =>
        {
            var request = context.Request;
            if (request.Path.Value!.Length + (request.QueryString.Value?.Length ?? 0) > maxUrl)
            {
                return WriteAsync(context, StatusCodes.Status414UriTooLong, $"The URL is longer than {maxUrl} characters.");
            }

            var headerBytes = 0;
            foreach (var header in request.Headers)
            {
                headerBytes += header.Key.Length;
                foreach (var value in header.Value)
                {
                    headerBytes += value?.Length ?? 0;
                }
            }

            return headerBytes > maxHeaders
                ? WriteAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, $"The request headers exceed {maxHeaders} bytes.")
                : next(context);
        });
        return app;
    }

    private static Task WriteAsync(HttpContext context, int status, string detail) => Problems.WriteAsync(context, status, detail);
}
