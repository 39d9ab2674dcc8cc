using System.Text.Json.Nodes;

namespace KetamineContent.Api.Http;

/// <summary>JSON Merge Patch (RFC 7396): objects merge member by member, null removes a member, anything else replaces.</summary>
public static class MergePatch
{
    public const string MediaType = "application/merge-patch+json";

    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject members)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject obj ? (JsonObject)obj.DeepClone() : [];
        foreach (var (name, value) in members)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                result[name] = Apply(result[name], value);
            }
        }

        return result;
    }

    /// <summary>Whether the request says its body is a merge patch (parameters such as charset allowed).</summary>
    public static bool IsMergePatch(HttpRequest request) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request?.ContentType, out var type)
        && type.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase);
}
