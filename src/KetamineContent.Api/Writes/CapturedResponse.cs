using System.Text.Json;

namespace KetamineContent.Api.Writes;

/// <summary>A response executed into memory: sent after commit, stored for idempotent replays.</summary>
public sealed class CapturedResponse(int status, IReadOnlyDictionary<string, string> headers, byte[] body) : IResult
{
    private static readonly string[] KeptHeaders = ["Content-Type", "Location", "ETag"];

    public int Status => status;

    public IReadOnlyDictionary<string, string> Headers => headers;

    public byte[] Body => body;

    public bool Replayed { get; init; }

    /// <summary>Runs a handler's result against a scratch context and keeps what it wrote.</summary>
    public static async Task<CapturedResponse> CaptureAsync(IResult result, HttpContext original)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(original);
        var scratch = new DefaultHttpContext { RequestServices = original.RequestServices };
        scratch.Request.Method = original.Request.Method;
        scratch.Request.Path = original.Request.Path;
        scratch.Request.Scheme = original.Request.Scheme;
        scratch.Request.Host = original.Request.Host;
        await using var buffer = new MemoryStream();
        scratch.Response.Body = buffer;
        await result.ExecuteAsync(scratch);
        var kept = KeptHeaders
            .Where(h => scratch.Response.Headers.ContainsKey(h))
            .ToDictionary(h => h, h => scratch.Response.Headers[h].ToString(), StringComparer.OrdinalIgnoreCase);
        return new CapturedResponse(scratch.Response.StatusCode, kept, buffer.ToArray());
    }

    public string HeadersJson() => JsonSerializer.Serialize(headers);

    public static IReadOnlyDictionary<string, string> ParseHeaders(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            httpContext.Response.Headers[name] = value;
        }

        if (Replayed)
        {
            httpContext.Response.Headers["Idempotent-Replayed"] = "true";
        }

        if (body.Length > 0)
        {
            httpContext.Response.ContentLength = body.Length;
            await httpContext.Response.Body.WriteAsync(body);
        }
    }
}
