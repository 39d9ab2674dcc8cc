using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace KetamineContent.Api.Http;

/// <summary>Every problem of a body, keyed by camelCase path, and the detail that sums them up.</summary>
public sealed record BodyProblems(Dictionary<string, string[]> Errors, string Detail);

/// <summary>Endpoint metadata: the argument of this type is checked by its FluentValidation validator (see <see cref="ValidationFilter{T}"/>).</summary>
public sealed record ValidatedArgument(Type Type);

/// <summary>
/// Every problem of a JSON body at once. The deserializer stops at the first value of the wrong type; this walks the
/// whole document against the input type instead (wrong types, unknown and repeated properties), then binds what is
/// left and runs the input's validator on it, so one answer lists the wrong types and the broken rules together.
/// </summary>
public static class JsonBodyProblems
{
    /// <summary>Every problem of a body that did not bind, keyed by camelCase path; null when the body is not JSON at all.</summary>
    public static async Task<BodyProblems?> ListAsync(HttpContext http, Type input)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!http.Request.Body.CanSeek)
        {
            return null;
        }

        http.Request.Body.Position = 0;
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(http.Request.Body, Lenient, http.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            return await ListAsync(document.RootElement, input, options, http.RequestServices, http.RequestAborted);
        }
    }

    /// <summary>The same for a document already parsed (a merged patch).</summary>
    public static async Task<BodyProblems> ListAsync(JsonElement document, Type input, JsonSerializerOptions options, IServiceProvider services, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        var shape = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var cleaned = Check(document, options.GetTypeInfo(input), "", options, shape);
        var errors = shape.ToDictionary(e => e.Key, e => e.Value.Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        foreach (var (key, messages) in await RulesAsync(cleaned, input, options, services, ct))
        {
            // A rule about a value that had the wrong type (such as "is required", as it was left out) says nothing new.
            if (!shape.Keys.Any(bad => key == bad || key.StartsWith(bad + ".", StringComparison.Ordinal) || key.StartsWith(bad + "[", StringComparison.Ordinal)))
            {
                errors[key] = messages;
            }
        }

        // A body can hold thousands of wrong properties: the answer lists the first MaxListed and says how many more.
        if (errors.Count > MaxListed)
        {
            var more = errors.Count - MaxListed;
            errors = errors.Take(MaxListed).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
            errors["body"] = [.. errors.GetValueOrDefault("body", []), $"{more} more problems are not listed; correct these and send the body again."];
        }

        // The detail names the invalid fields and says what is wrong with the shape (the first few), as the old single message did.
        var shapeMessages = shape.Values.SelectMany(m => m).Distinct(StringComparer.Ordinal).ToList();
        var detail = Problems.ValidationDetail(errors) + (shapeMessages.Count == 0 ? "" : " " + string.Join(" ", shapeMessages.Take(3)) + (shapeMessages.Count > 3 ? " ..." : ""));
        return new BodyProblems(errors, detail);
    }

    /// <summary>At most this many fields are listed in one answer's errors.</summary>
    public const int MaxListed = 100;

    private static readonly JsonDocumentOptions Lenient = new() { MaxDepth = 32, AllowDuplicateProperties = true };

    /// <summary>The document with every value of the wrong type left out (null for a wrong array item, keeping the positions).</summary>
    private static JsonNode? Check(JsonElement element, JsonTypeInfo info, string path, JsonSerializerOptions options, Dictionary<string, List<string>> errors)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return info.Type.IsValueType && Nullable.GetUnderlyingType(info.Type) is null ? Wrong(path, "must be " + Expected(info.Type) + ", not null", errors) : null;
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                if (element.ValueKind != JsonValueKind.Object)
                {
                    return Wrong(path, "must be an object", errors);
                }

                var result = new JsonObject();
                var comparer = options.PropertyNameCaseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
                var seen = new HashSet<string>(comparer);
                foreach (var member in element.EnumerateObject())
                {
                    var name = member.Name;
                    var at = path.Length == 0 ? name : $"{path}.{name}";
                    var property = info.Properties.FirstOrDefault(p => comparer.Equals(p.Name, name));
                    if (!seen.Add(name))
                    {
                        Add(errors, at, $"Duplicate property '{name}': each property may appear once in an object.");
                    }
                    else if (property is null)
                    {
                        if ((info.UnmappedMemberHandling ?? options.UnmappedMemberHandling) == System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)
                        {
                            Add(errors, at, $"Unknown property '{name}': it is not a field of this request (server-owned fields that a client read, such as id or revision, are accepted and ignored).");
                        }
                    }
                    else
                    {
                        var key = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                        if (Check(member.Value, options.GetTypeInfo(property.PropertyType), key, options, errors) is { } kept)
                        {
                            result[property.Name] = kept;
                        }
                    }
                }

                return result;
            case JsonTypeInfoKind.Enumerable when info.ElementType is { } type:
                if (element.ValueKind != JsonValueKind.Array)
                {
                    return Wrong(path, "must be an array", errors);
                }

                var elementInfo = options.GetTypeInfo(type);
                return new JsonArray([.. element.EnumerateArray().Select((item, i) => Check(item, elementInfo, $"{path}[{i}]", options, errors))]);
            default:
                try
                {
                    element.Deserialize(info);
                    return JsonSerializer.SerializeToNode(element);
                }
                catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
                {
                    return Wrong(path, "must be " + Expected(info.Type), errors);
                }
        }
    }

    private static JsonNode? Wrong(string path, string message, Dictionary<string, List<string>> errors)
    {
        Add(errors, path.Length == 0 ? "body" : path, path.Length == 0 ? $"The request body {message}." : $"'{path}' {message}.");
        return null;
    }

    private static void Add(Dictionary<string, List<string>> errors, string key, string message)
    {
        if (!errors.TryGetValue(key, out var list))
        {
            errors[key] = list = [];
        }

        list.Add(message);
    }

    private static string Expected(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => "a string",
        var t when t == typeof(int) || t == typeof(long) || t == typeof(short) => "an integer",
        var t when t == typeof(double) || t == typeof(decimal) || t == typeof(float) => "a number",
        var t when t == typeof(bool) => "true or false",
        var t when t == typeof(Guid) => "a UUID",
        var t when t == typeof(DateTimeOffset) || t == typeof(DateTime) => "an RFC 3339 date-time such as 2026-11-01T09:00:00Z",
        var t when t == typeof(DateOnly) => "a date such as 2026-11-01",
        var t when t.IsEnum => "one of " + string.Join(", ", Enum.GetNames(t).Select(n => JsonNamingPolicy.CamelCase.ConvertName(n))),
        _ => "a value of another form (see the request schema)",
    };

    /// <summary>The validator's messages for what is left once the wrong values are taken out (none when even that cannot be bound).</summary>
    private static async Task<Dictionary<string, string[]>> RulesAsync(JsonNode? cleaned, Type input, JsonSerializerOptions options, IServiceProvider services, CancellationToken ct)
    {
        if (cleaned is null || services.GetService(typeof(IValidator<>).MakeGenericType(input)) is not IValidator validator)
        {
            return [];
        }

        try
        {
            var instance = cleaned.Deserialize(input, options);
            if (instance is null)
            {
                return [];
            }

            var result = await validator.ValidateAsync(new ValidationContext<object>(instance), ct);
            return result.Errors.GroupBy(e => Problems.CamelCase(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is JsonException or NullReferenceException or InvalidOperationException)
        {
            // A rule that cannot run on a partial document (a null item): the wrong types alone are the answer.
            return [];
        }
    }
}

public static class JsonBodyBufferingExtensions
{
    /// <summary>Buffers JSON bodies of validated endpoints, so a body that does not bind can be read again to list every problem.</summary>
    public static IApplicationBuilder UseJsonBodyBuffering(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.HasJsonContentType() && context.GetEndpoint()?.Metadata.GetMetadata<ValidatedArgument>() is not null)
            {
                context.Request.EnableBuffering();
            }

            return next(context);
        });
}
