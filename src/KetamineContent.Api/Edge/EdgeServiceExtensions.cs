using Microsoft.Extensions.Options;

namespace KetamineContent.Api.Edge;

public static class EdgeServiceExtensions
{
    public static IServiceCollection AddEdge(this IServiceCollection services)
    {
        services.AddOptions<CdnOptions>().BindConfiguration("Cdn").ValidateOnStart();
        services.AddSingleton<IValidateOptions<CdnOptions>, CdnOptionsProblems>();
        services.AddSingleton<EdgePolicy>();
        services.AddHttpClient(PurgeSender.ClientName, c => c.DefaultRequestHeaders.UserAgent.ParseAdd("KetamineContent-Edge/1"));
        services.AddSingleton<PurgeSender>();
        services.AddHostedService(sp => sp.GetRequiredService<PurgeSender>());
        return services;
    }

    /// <summary>With a provider, an answer that names no Cache-Control of its own is never kept at the edge.</summary>
    public static IApplicationBuilder UseEdge(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var edge = app.ApplicationServices.GetRequiredService<EdgePolicy>();
        if (!edge.Enabled)
        {
            return app;
        }

        return app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpContext)state).Response.Headers;
                if (!headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.CacheControl))
                {
                    headers.CacheControl = EdgePolicy.Unshared;
                }

                return Task.CompletedTask;
            }, context);
            return next(context);
        });
    }

    /// <summary>Names each problem of the Cdn section in the startup failure.</summary>
    private sealed class CdnOptionsProblems : IValidateOptions<CdnOptions>
    {
        public ValidateOptionsResult Validate(string? name, CdnOptions options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
