using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace KetamineContent.Api.Http;

/// <summary>A JSON answer with an ETag (and a Location for 201), all part of the result so an idempotent replay repeats them.</summary>
public abstract class ETaggedJson<T>(int status, T value, string etag, string? location) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>
{
    public T Value => value;

    int? IStatusCodeHttpResult.StatusCode => status;

    object? IValueHttpResult.Value => value;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = status;
        httpContext.Response.Headers.ETag = etag;
        if (location is not null)
        {
            httpContext.Response.Headers.Location = location;
        }

        await httpContext.Response.WriteAsJsonAsync(value);
    }

    protected static void Declare(EndpointBuilder builder, int status)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(T), ["application/json"]));
    }
}

public sealed class OkWithETag<T>(T value, string etag) : ETaggedJson<T>(200, value, etag, null), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, 200);
}

public sealed class CreatedWithETag<T>(T value, string etag, string location) : ETaggedJson<T>(201, value, etag, location), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, 201);
}

public sealed class AcceptedWithETag<T>(T value, string etag) : ETaggedJson<T>(202, value, etag, null), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, 202);
}
