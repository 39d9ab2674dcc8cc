namespace KetamineContent.Api.Http;

/// <summary>
/// Middleware that only some requests need, run on those only (issue 16: only the middleware a route needs runs on it).
/// A branch of the pipeline as <c>UseWhen</c> makes it, with one difference: the markers the branch's middleware leaves
/// (UseAuthentication's) are copied to the application. Without its marker, WebApplication adds its own
/// UseAuthentication at the very front of the pipeline, before the exception handler, where a database error raised by
/// the key lookup reached Kestrel as a bare 500 (Caching/OutageTests).
/// </summary>
public static class OnlyWhere
{
    public static WebApplication UseOnlyWhere(this WebApplication app, Func<HttpContext, bool> predicate, Action<IApplicationBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(configure);
        IApplicationBuilder builder = app;
        builder.UseWhen(predicate, branch =>
        {
            configure(branch);
            foreach (var (key, value) in branch.Properties)
            {
                builder.Properties.TryAdd(key, value);
            }
        });
        return app;
    }
}
