using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;

namespace KetamineContent.Api.Http;

/// <summary>
/// Describes why a request could not be read (binding, body reading, JSON parsing) in the API's own words: the
/// framework's messages name .NET types and parameters ("Implicit body inferred...", "Failed to read parameter...")
/// and are never passed on.
/// </summary>
internal static partial class RequestReadFailure
{
    public const string BodyRequired = "The request body is required.";

    public static (int Status, string Detail, Dictionary<string, string[]>? Errors) Describe(HttpContext http, BadHttpRequestException bad)
    {
        ArgumentNullException.ThrowIfNull(bad);
        if (bad.InnerException is System.Text.Json.JsonException json)
        {
            return (StatusCodes.Status400BadRequest, DescribeJson(json), null);
        }

        var bind = BindFailure().Match(bad.Message);
        if (bind.Success)
        {
            var name = Problems.CamelCase(bind.Groups["name"].Value);
            var message = $"'{bind.Groups["value"].Value}' is not a valid {FriendlyType(bind.Groups["type"].Value.TrimEnd('?'))} for '{name}'.";
            return (StatusCodes.Status400BadRequest, message, new Dictionary<string, string[]> { [name] = [message] });
        }

        var required = RequiredParameter().Match(bad.Message);
        if (required.Success && required.Groups["source"].Value != "body")
        {
            var name = Problems.CamelCase(required.Groups["name"].Value);
            var message = $"'{name}' is required.";
            return (StatusCodes.Status400BadRequest, message, new Dictionary<string, string[]> { [name] = [message] });
        }

        return bad.StatusCode switch
        {
            StatusCodes.Status400BadRequest when required.Success || bad.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal) =>
                (StatusCodes.Status400BadRequest, BodyRequired, null),
            StatusCodes.Status415UnsupportedMediaType => (bad.StatusCode, UnsupportedMediaType(http), null),
            StatusCodes.Status413PayloadTooLarge => (bad.StatusCode, BodyTooLarge(http), null),
            StatusCodes.Status408RequestTimeout => (bad.StatusCode, "The request body arrived too slowly.", null),
            _ => (bad.StatusCode, "The request could not be read.", null),
        };
    }

    /// <summary>The 415 detail: the media types the matched endpoint declares it accepts (application/json when it declares none).</summary>
    public static string UnsupportedMediaType(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var accepted = http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? AcceptedByRoute(http);
        return "Send the request body as " + (accepted is { Count: > 0 } ? string.Join(" or ", accepted) : "application/json") + ".";
    }

    /// <summary>
    /// When routing refused the content type itself, the request carries routing's own 415 endpoint, not the route's:
    /// the media types are then those declared by the routes of this path and method.
    /// </summary>
    private static List<string> AcceptedByRoute(HttpContext http) =>
        [.. (http.RequestServices.GetService<EndpointDataSource>()?.Endpoints ?? []).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(http.Request.Method, StringComparer.OrdinalIgnoreCase) == true
                && new TemplateMatcher(TemplateParser.Parse(e.RoutePattern.RawText ?? ""), []).TryMatch(http.Request.Path, []))
            .SelectMany(e => e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase)];

    public const string MalformedBody = "The request body could not be read: it is cut short, or its form or multipart encoding is not well-formed (a multipart body needs a boundary).";

    /// <summary>A form or multipart body the framework's readers refused (no boundary, a key too long, the stream cut short).</summary>
    public static bool IsMalformedBody(Exception exception) =>
        exception is InvalidDataException
        || (exception is IOException and not BadHttpRequestException
            && exception.TargetSite?.DeclaringType?.Namespace?.StartsWith("Microsoft.AspNetCore.WebUtilities", StringComparison.Ordinal) == true);

    public static string BodyTooLarge(HttpContext http) =>
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is long max
            ? $"The request body is larger than the limit of {max} bytes."
            : "The request body is larger than the API accepts.";

    /// <summary>Describes a JSON error by what the client sent, not by .NET type names.</summary>
    public static string DescribeJson(System.Text.Json.JsonException json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var duplicate = DuplicateMember().Match(json.Message);
        if (duplicate.Success)
        {
            var at = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "" : $" (at '{json.Path}')";
            return $"Duplicate property '{duplicate.Groups["name"].Value}'{at}: each property may appear once in an object.";
        }

        var unknown = UnknownMember().Match(json.Message);
        if (unknown.Success)
        {
            return $"Unknown property '{unknown.Groups["name"].Value}': it is not a field of this request (server-owned fields that a client read, such as id or revision, are accepted and ignored).";
        }

        if (!json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            var at = string.IsNullOrEmpty(json.Path) ? "" : $" at '{json.Path}'";
            return $"The request body is not valid JSON{at}: {ClrTypeName().Replace(json.Message, "value")}";
        }

        return json.Path is null or "$"
            ? "The request body must be a JSON object."
            : $"The value at '{json.Path}' in the request body has the wrong type.";
    }

    private static string FriendlyType(string clrType) => clrType switch
    {
        "int" or "long" or "Int32" or "Int64" => "integer",
        "Guid" => "UUID",
        "DateTimeOffset" or "DateTime" => "RFC 3339 date-time",
        "bool" or "Boolean" => "boolean",
        _ => "value",
    };

    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^ "]+) (?<name>[^"]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [GeneratedRegex("""^Required parameter "(?<type>[^ "]+) (?<name>[^"]+)" was not provided from (?<source>[^.]+)\.$""", RegexOptions.Singleline)]
    private static partial Regex RequiredParameter();

    [GeneratedRegex("""The JSON property '(?<name>[^']*)' could not be mapped""")]
    private static partial Regex UnknownMember();

    [GeneratedRegex("""Duplicate property '(?<name>[^']*)'""")]
    private static partial Regex DuplicateMember();

    [GeneratedRegex(@"\b(System|KetamineContent)(\.[A-Za-z0-9_`\[\]]+)+")]
    private static partial Regex ClrTypeName();
}
