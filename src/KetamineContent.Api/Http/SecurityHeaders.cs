namespace KetamineContent.Api.Http;

/// <summary>Section "Security": CORS origins, and HTTPS redirection / HSTS (off by default: TLS usually ends at the proxy).</summary>
public sealed class SecurityOptions
{
    public string[] CorsOrigins { get; set; } = [];

    public bool HttpsRedirection { get; set; }

    public bool Hsts { get; set; }

    /// <summary>Proxy addresses whose X-Forwarded-For/-Proto are believed, for example 10.0.0.5.</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>Networks of such proxies in CIDR notation, for example 10.0.0.0/8.</summary>
    public string[] TrustedNetworks { get; set; } = [];
}

public static class SecurityHeaders
{
    public const string CorsPolicy = "configured-origins";

    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Security").Get<SecurityOptions>() ?? new SecurityOptions();
        services.AddOptions<SecurityOptions>().BindConfiguration("Security")
            .Validate(TrustedProxies.IsValid, "Security:TrustedProxies must be IP addresses and Security:TrustedNetworks CIDR networks such as 10.0.0.0/8.")
            .ValidateOnStart();
        services.AddOptions<ContentOptions>().BindConfiguration("Content")
            .Validate(o => ContentOptions.IsValidBase(o.PublicBaseUrl), "Content:PublicBaseUrl must be an absolute http(s) URL without query or fragment, such as https://content.example.org.")
            .ValidateOnStart();
        services.AddSingleton<PublicUrls>();
        services.AddCors(o => o.AddDefaultPolicy(p =>
        {
            p.WithOrigins(options.CorsOrigins)
                .WithMethods("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
                .WithHeaders("Authorization", "Content-Type", "If-Match", "If-None-Match", "Idempotency-Key", "Accept-Language")
                .WithExposedHeaders("ETag", "Location", "Link", "Content-Language", "Retry-After")
                .SetPreflightMaxAge(TimeSpan.FromHours(1));
        }));
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    /// <summary>The headers every answer carries (the middleware below, and cache hits, which are answered before it).</summary>
    public static void Apply(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
    }

    /// <summary>nosniff, no referrer, no framing, on every answer (cache hits write them themselves); HTTPS redirection and HSTS when configured.</summary>
    public static WebApplication UseSecurity(this WebApplication app)
    {
        var options = app.Configuration.GetSection("Security").Get<SecurityOptions>() ?? new SecurityOptions();
        if (options.HttpsRedirection)
        {
            app.UseHttpsRedirection();
        }

        if (options.Hsts)
        {
            app.UseHsts();
        }

        app.Use((context, next) =>
        {
            Apply(context.Response.Headers);
            return next(context);
        });
        app.UseCors();
        return app;
    }
}
