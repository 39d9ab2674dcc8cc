using System.Net;
using System.Text.Json;

namespace KetamineContent.Bench;

/// <summary>
/// What the quick run judges: that each scenario answers right (a 2xx, or the 304 it asked for, with a body that
/// parses as the JSON it says it is), asked once before and once after its load with no time limit that matters. How
/// fast, and wrk's timeouts on a slow or loaded machine, are reported, never judged.
/// </summary>
public static class Answers
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromMinutes(10) };

    /// <summary>Null when the answer is right, otherwise what was wrong with it.</summary>
    public static async Task<string?> CheckAsync(string url, IReadOnlyList<string> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var h in headers)
        {
            var colon = h.IndexOf(':', StringComparison.Ordinal);
            request.Headers.TryAddWithoutValidation(h[..colon].Trim(), h[(colon + 1)..].Trim());
        }

        using var response = await Client.SendAsync(request);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode == HttpStatusCode.NotModified && headers.Any(h => h.StartsWith("If-None-Match:", StringComparison.OrdinalIgnoreCase)))
        {
            return body.Length == 0 ? null : $"{url}: 304 with a body of {body.Length} bytes";
        }

        if (status is < 200 or > 299)
        {
            return $"{url}: {status}";
        }

        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        if (type.EndsWith("json", StringComparison.Ordinal))
        {
            try
            {
                using var parsed = JsonDocument.Parse(body);
            }
            catch (JsonException ex)
            {
                return $"{url}: a {type} body that does not parse ({ex.Message})";
            }
        }
        else if (body.Length == 0)
        {
            return $"{url}: {status} {type} with an empty body";
        }

        return null;
    }
}
