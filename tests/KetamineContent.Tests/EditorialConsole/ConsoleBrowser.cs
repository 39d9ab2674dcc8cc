using System.Net;
using System.Text.RegularExpressions;

namespace KetamineContent.Tests.EditorialConsole;

/// <summary>
/// A browser's part of the console over real HTTP: one cookie jar (cookies are per host, not per port, so two
/// nodes on 127.0.0.1 share it as they would behind one address), no automatic redirects, the antiforgery token
/// read from the last page like a form would send it.
/// </summary>
public sealed partial class ConsoleBrowser : IDisposable
{
    private readonly CookieContainer _cookies = new();
    private readonly List<HttpClient> _clients = [];

    public ConsoleBrowser(params Uri[] nodes)
    {
        foreach (var node in nodes)
        {
            _clients.Add(new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = _cookies, UseCookies = true })
            {
                BaseAddress = node,
            });
        }
    }

    public CookieContainer Cookies => _cookies;

    public string LastToken { get; private set; } = "";

    public async Task<HttpResponseMessage> GetAsync(string path, int node = 0)
    {
        var response = await _clients[node].GetAsync(path);
        await RememberTokenAsync(response);
        return response;
    }

    public async Task<string> PageAsync(string path, int node = 0)
    {
        using var response = await GetAsync(path, node);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<HttpResponseMessage> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, int node = 0, bool withToken = true)
    {
        var all = fields.ToList();
        if (withToken)
        {
            all.Add(new("__RequestVerificationToken", LastToken));
        }

        var response = await _clients[node].PostAsync(path, new FormUrlEncodedContent(all));
        await RememberTokenAsync(response);
        return response;
    }

    /// <summary>A JSON POST as console.js sends it: the page's antiforgery token in the X-CSRF-Token header.</summary>
    public async Task<HttpResponseMessage> PostJsonAsync(string path, object body, bool withToken = true, int node = 0)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        if (withToken)
        {
            request.Headers.Add("X-CSRF-Token", LastToken);
        }

        return await _clients[node].SendAsync(request);
    }

    /// <summary>A POST of any body (a multipart form with a file), the antiforgery token already in it.</summary>
    public async Task<HttpResponseMessage> PostContentAsync(string path, HttpContent content, int node = 0)
    {
        var response = await _clients[node].PostAsync(path, content);
        await RememberTokenAsync(response);
        return response;
    }

    /// <summary>Signs in with an API key on that node: true when the console let us in.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string key, int node = 0, int postNode = -1)
    {
        await PageAsync("/console/sign-in", node);
        return await PostAsync("/console/session", [new("key", key)], postNode < 0 ? node : postNode);
    }

    public string? SessionCookie(Uri node) => _cookies.GetCookies(new Uri(node, "/console"))["kc_console"]?.Value;

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }

    private async Task RememberTokenAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            var html = await response.Content.ReadAsStringAsync();
            if (TokenField().Match(html) is { Success: true } match)
            {
                LastToken = WebUtility.HtmlDecode(match.Groups[1].Value);
            }
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
