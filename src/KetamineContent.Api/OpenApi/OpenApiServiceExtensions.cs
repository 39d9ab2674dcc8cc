using KetamineContent.Api.Http;
using Microsoft.OpenApi;

namespace KetamineContent.Api.OpenApi;

public static class OpenApiServiceExtensions
{
    public const string DocumentPath = "/swagger/v1/swagger.json";

    public static IServiceCollection AddContentOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            // A merge patch is any JSON object (RFC 7396): its members are whatever the content has, of any JSON type.
            o.MapType<System.Text.Json.Nodes.JsonObject>(() => new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "A JSON Merge Patch (RFC 7396) of the revision content: members present replace, null removes.",
            });
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "KetamineContent API",
                Version = "v1",
                Description = "Structured, medically reviewed treatment articles as JSON. Public delivery under /v1; " +
                              "editing under /v1/manage with an API key. Errors are RFC 9457 problem details.",
            });
            o.SupportNonNullableReferenceTypes();
            o.NonNullableReferenceTypesAsRequired();
            o.AddSecurityDefinition(SecurityOperationFilter.SchemeId, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key: 'Authorization: Bearer kc_...'. Public delivery endpoints need none.",
            });
            o.AddSecurityDefinition(SecurityOperationFilter.AccessTokenSchemeId, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A JWT access token (RFC 9068, typ at+jwt) from the issuer set in Auth:Jwt:Authority, for the audience Auth:Jwt:Audience, " +
                              "in the same header: 'Authorization: Bearer eyJ...'. Its role comes from the claim Auth:Oidc:RoleClaim. Off unless Auth:Jwt:Authority is set. " +
                              "Validated as RFC8725 (JSON Web Token Best Current Practices) asks: a signature by the issuer's published keys is required, typ must be at+jwt, issuer, audience and lifetime are checked.",
            });
            o.AddSecurityDefinition(SecurityOperationFilter.PreviewCookieSchemeId, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = Workflow.PreviewLinkCookie.Name,
                Description = "A preview link's cookie, for GET /v1/preview/articles/{slug} of that link's article only: set when the link is opened " +
                              "(its URL's token is exchanged with a 303 to the URL without it), HttpOnly, SameSite=Lax, expiring with the link.",
            });
            o.OperationFilter<ExamplesOperationFilter>();
            o.OperationFilter<SecurityOperationFilter>();
            o.OperationFilter<HeadersOperationFilter>();
            o.OperationFilter<RequiredParametersOperationFilter>();
            o.OperationFilter<ProblemResponsesOperationFilter>();
            o.OperationFilter<ResponseHeadersOperationFilter>();
            o.DocumentFilter<ProblemSchemaDocumentFilter>();
            o.DocumentFilter<LimitsDocumentFilter>();
            o.CustomSchemaIds(t => t.Name.Replace("`1", "Of", StringComparison.Ordinal));
        });
        return services;
    }

    /// <summary>The document and the UI, on requests under /swagger only (every other request skipped their path checks).</summary>
    public static WebApplication UseContentOpenApi(this WebApplication app) =>
        app.UseOnlyWhere(context => context.Request.Path.StartsWithSegments("/swagger", StringComparison.Ordinal), swagger =>
        {
            swagger.UseSwagger(o => o.PreSerializeFilters.Add((doc, _) => doc.Servers = []));
            swagger.UseSwaggerUI(o =>
            {
                o.SwaggerEndpoint(DocumentPath, "KetamineContent API v1");
                o.DocumentTitle = "KetamineContent API";
            });
        });
}
