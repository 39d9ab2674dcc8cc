using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KetamineContent.Tests.Infrastructure;

/// <summary>
/// The npm package oidc-provider (9.x, a certified OpenID Provider) on loopback, run by tests/oidc-provider/provider.mjs
/// with the tests' own configuration: the console client (code + PKCE, redirect URI /signin-oidc of the API under
/// test), a machine client (client credentials, JWT access tokens for <see cref="Audience"/>), and the people in
/// <see cref="People"/> with their roles claim. <see cref="Variant"/> starts a second process that signs with the same
/// keys under another issuer, with other keys under the same issuer, or with its clock an hour behind.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ConsoleClientId = "ketamine-console";
    public const string ConsoleClientSecret = "console-secret-for-tests-only";
    public const string MachineClientId = "ketamine-machine";
    public const string MachineClientSecret = "machine-secret-for-tests-only";

    /// <summary>A machine client whose tokens carry the reviewer role (client credentials: no person, no auth_time).</summary>
    public const string ReviewerMachineClientId = "ketamine-reviewer-machine";
    public const string Audience = "https://api.ketamine-content.test/";
    public const string OtherAudience = "https://other-api.test/";

    /// <summary>Account id (the login name on the provider's page) → the claims the provider gives that person.</summary>
    public static readonly IReadOnlyDictionary<string, object> People = new Dictionary<string, object>(StringComparer.Ordinal)
    {
        ["ed"] = new { name = "Ed Itor", email = "ed@clinic.test", email_verified = true, roles = new[] { "editor" } },
        ["rita"] = new { name = "Dr Rita Review", email = "rita@clinic.test", email_verified = true, roles = new[] { "Clinical Reviewers" } },
        ["nora"] = new { name = "Nora Norole", email = "nora@clinic.test", email_verified = true, roles = Array.Empty<string>() },
    };

    private readonly Process _process;
    private readonly string _dir;
    private readonly bool _ownsDir;
    private readonly Uri _consoleBase;

    private OidcProvider(Process process, string dir, bool ownsDir, int port, string issuer, Uri consoleBase)
    {
        _process = process;
        _dir = dir;
        _ownsDir = ownsDir;
        _consoleBase = consoleBase;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Issuer = issuer;
    }

    public Uri BaseAddress { get; }

    /// <summary>The issuer this process signs as (its own address unless a variant says otherwise).</summary>
    public string Issuer { get; }

    /// <summary>Starts a provider whose console client redirects to <paramref name="consoleBase"/>/signin-oidc.</summary>
    public static Task<OidcProvider> StartAsync(Uri consoleBase)
    {
        var dir = Directory.CreateTempSubdirectory("kc-oidc-").FullName;
        var port = Ports.Free();
        return StartAsync(consoleBase, dir, ownsDir: true, port, $"http://127.0.0.1:{port}", Path.Combine(dir, "jwks.json"), 0);
    }

    /// <summary>
    /// Another process of the same provider: under <paramref name="issuer"/> (default: this one's), with this one's
    /// keys unless <paramref name="ownKeys"/>, its clock shifted by <paramref name="clockOffset"/>.
    /// </summary>
    public Task<OidcProvider> Variant(string? issuer = null, bool ownKeys = false, TimeSpan clockOffset = default)
    {
        var port = Ports.Free();
        var keys = ownKeys ? Path.Combine(_dir, $"jwks-{port}.json") : Path.Combine(_dir, "jwks.json");
        return StartAsync(_consoleBase, _dir, ownsDir: false, port, issuer ?? Issuer, keys, (int)clockOffset.TotalSeconds);
    }

    /// <summary>A client-credentials access token (a JWT, typ at+jwt) of the machine client for <paramref name="resource"/>.</summary>
    public async Task<string> MachineTokenAsync(string resource = Audience, string clientId = MachineClientId)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = MachineClientSecret,
            ["resource"] = resource,
            ["scope"] = "manage",
        });
        using var response = await http.PostAsync(new Uri("/token", UriKind.Relative), form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, "token endpoint: " + body);
        return JsonNode.Parse(body)!["access_token"]!.GetValue<string>();
    }

    private static async Task<OidcProvider> StartAsync(Uri consoleBase, string dir, bool ownsDir, int port, string issuer, string jwksFile, int clockOffsetSeconds)
    {
        var config = new
        {
            port,
            issuer,
            jwksFile,
            clockOffsetSeconds,
            clients = new object[]
            {
                new
                {
                    client_id = ConsoleClientId,
                    client_secret = ConsoleClientSecret,
                    redirect_uris = new[] { new Uri(consoleBase, "/signin-oidc").ToString() },
                    post_logout_redirect_uris = new[] { new Uri(consoleBase, "/console/sign-in?signedOut=1").ToString() },
                    grant_types = new[] { "authorization_code" },
                    response_types = new[] { "code" },
                },
                new
                {
                    client_id = MachineClientId,
                    client_secret = MachineClientSecret,
                    grant_types = new[] { "client_credentials" },
                    response_types = Array.Empty<string>(),
                    roles = new[] { "editor" },
                },
                new
                {
                    client_id = ReviewerMachineClientId,
                    client_secret = MachineClientSecret,
                    grant_types = new[] { "client_credentials" },
                    response_types = Array.Empty<string>(),
                    roles = new[] { "reviewer" },
                },
            },
            accounts = People.ToDictionary(p => p.Key, p => new { claims = p.Value }, StringComparer.Ordinal),
            resources = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [Audience] = new { scope = "manage" },
                [OtherAudience] = new { scope = "manage" },
            },
        };
        var file = Path.Combine(dir, $"config-{port}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(config));
        var script = Path.Combine(Repo.Root, "tests", "oidc-provider", "provider.mjs");
        if (!Directory.Exists(Path.Combine(Repo.Root, "tests", "oidc-provider", "node_modules")))
        {
            throw new InvalidOperationException("run `npm ci` in tests/oidc-provider first (.ci/run does)");
        }

        var psi = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(file);
        var process = Process.Start(psi)!;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { log.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var provider = new OidcProvider(process, dir, ownsDir, port, issuer, consoleBase);
        if (!await Tcp.ListeningAsync(port, TimeSpan.FromSeconds(60), () => process.HasExited))
        {
            await provider.DisposeAsync();
            throw new InvalidOperationException("oidc-provider did not start: " + string.Join('\n', log));
        }

        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (_ownsDir)
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
