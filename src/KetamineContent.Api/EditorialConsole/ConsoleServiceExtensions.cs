using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Npgsql;

namespace KetamineContent.Api.EditorialConsole;

/// <summary>The editorial console at /console (Console:Enabled, on by default): Razor Components rendered on the server.</summary>
public static class ConsoleServiceExtensions
{
    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue("Console:Enabled", true);

    public static IServiceCollection AddEditorialConsole(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        if (!IsEnabled(configuration))
        {
            return services;
        }

        services.AddOptions<ConsoleOptions>().BindConfiguration("Console")
            .Validate(o => o.IdleMinutes > 0 && o.AbsoluteHours > 0 && o.LoginLinkMinutes > 0, "Console:IdleMinutes, AbsoluteHours and LoginLinkMinutes must be positive.")
            .ValidateOnStart();
        services.AddSingleton<ConsoleSessions>();
        services.AddScoped<ConsoleCommands>();
        services.AddScoped<Bulk.BulkActions>();
        services.AddSingleton<ConsoleQueries>();
        services.AddSingleton<Autosave.ConsoleDrafts>();
        services.AddSingleton<Preview.ArticlePreview>();
        services.AddDataProtection().SetApplicationName("KetamineContent");
        services.AddOptions<KeyManagementOptions>().Configure<NpgsqlDataSource>((o, ds) => o.XmlRepository = new PostgresXmlRepository(ds));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "kc_console_af";
            o.Cookie.Path = "/console";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            o.HeaderName = "X-CSRF-Token";
        });
        services.AddRazorComponents();
        if (environment.IsDevelopment())
        {
            services.AddHostedService<DevelopmentSignIn>();
        }

        return services;
    }

    /// <summary>The session middleware and antiforgery, after authentication and authorization.</summary>
    public static WebApplication UseEditorialConsole(this WebApplication app)
    {
        if (IsEnabled(app.Configuration))
        {
            app.UseMiddleware<ConsoleSessionMiddleware>();
            app.Use((http, next) =>
            {
                // A signed-in upload may carry a file up to Assets:MaxBytes; antiforgery reads the whole form next.
                if (HttpMethods.IsPost(http.Request.Method) && http.Request.Path.Equals("/console/media", StringComparison.OrdinalIgnoreCase)
                    && http.User.Identity?.IsAuthenticated == true)
                {
                    Assets.AssetCommands.AllowUploadBody(http, http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Assets.AssetOptions>>().Value);
                }

                // An import upload over the body limit: said so before antiforgery fails to read the form (an empty 400).
                if (HttpMethods.IsPost(http.Request.Method) && http.Request.Path.Equals("/console/import", StringComparison.OrdinalIgnoreCase)
                    && http.Request.ContentLength is long length
                    && http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is long max && length > max)
                {
                    return Http.Problems.TooLarge(Http.RequestReadFailure.BodyTooLarge(http) + " Import fewer or smaller files at a time (Limits:MaxRequestBodyBytes).").ExecuteAsync(http);
                }

                return next(http);
            });
            app.UseAntiforgery();
        }

        return app;
    }

    public static WebApplication MapEditorialConsole(this WebApplication app)
    {
        if (IsEnabled(app.Configuration))
        {
            app.MapConsoleSession();
            Autosave.AutosaveEndpoints.MapConsoleAutosave(app);
            Preview.PreviewEndpoints.MapConsolePreview(app);
            Toolbar.PickerEndpoints.MapConsolePickers(app);
            app.MapRazorComponents<ConsoleApp>();
        }

        return app;
    }
}
