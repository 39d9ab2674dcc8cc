using System.Reflection;
using Microsoft.AspNetCore.Mvc;

namespace KetamineContent.Api.Http;

/// <summary>
/// Query parameters the handler does not declare, or any given twice, are 400 (problem+json), so a URL can only reach a
/// handler (and the cache) with parameters it reads, each once. The names come from the handler's own signature.
/// </summary>
public static class DeclaredQuery
{
    private static readonly Type[] Simple = [typeof(string), typeof(int), typeof(long), typeof(bool), typeof(double), typeof(Guid), typeof(DateTimeOffset)];

    public static TBuilder OnlyDeclaredQueryParameters<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var declared = Names(factory.MethodInfo);
            return invocation => Check(invocation.HttpContext.Request, declared) is { } problem
                ? ValueTask.FromResult<object?>(problem)
                : next(invocation);
        });

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Check(HttpRequest request, IReadOnlySet<string> declared)
    {
        foreach (var (name, values) in request.Query)
        {
            if (!declared.Contains(name) || request.RouteValues.ContainsKey(name))
            {
                var known = declared.Where(n => !request.RouteValues.ContainsKey(n)).Order(StringComparer.Ordinal).ToList();
                return Problems.BadRequest($"Unknown query parameter '{Shorten(name)}'. This operation takes " +
                                           (known.Count == 0 ? "none." : string.Join(", ", known) + " (names are case-sensitive)."), Shorten(name));
            }

            if (values.Count > 1)
            {
                return Problems.BadRequest($"'{name}' is given more than once.", name);
            }
        }

        return null;
    }

    private static string Shorten(string name) => name.Length <= 40 ? name : name[..40] + "…";

    private static HashSet<string> Names(MethodInfo method)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
            {
                foreach (var property in parameter.ParameterType.GetProperties())
                {
                    if (property.GetCustomAttribute<FromQueryAttribute>() is { } query)
                    {
                        names.Add(query.Name ?? property.Name);
                    }
                }
            }
            else if (parameter.GetCustomAttribute<FromQueryAttribute>() is { } query)
            {
                names.Add(query.Name ?? parameter.Name!);
            }
            else if (IsSimple(parameter.ParameterType) && !parameter.GetCustomAttributes().Any(a => a is FromRouteAttribute or FromHeaderAttribute or FromServicesAttribute))
            {
                names.Add(parameter.Name!);
            }
        }

        return names;
    }

    private static bool IsSimple(Type type) => Simple.Contains(Nullable.GetUnderlyingType(type) ?? type);
}
