using System.Net;
using System.Text.Json;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Auth;

/// <summary>The API under test with console sign-in through the real oidc-provider (Auth:Oidc:*), key sign-in off.</summary>
public sealed class OidcConsoleApi : IAsyncLifetime
{
    public const string DisplayName = "Clinic Login";

    public OidcProvider Provider { get; private set; } = null!;

    public ApiFactory Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = Ports.Free();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Provider = await OidcProvider.StartAsync(BaseAddress);
        Api = new ApiFactory().OnPort(port)
            .With("Auth:Oidc:Authority", Provider.Issuer)
            .With("Auth:Oidc:ClientId", OidcProvider.ConsoleClientId)
            .With("Auth:Oidc:ClientSecret", OidcProvider.ConsoleClientSecret)
            .With("Auth:Oidc:Scopes", "openid profile email roles")
            .With("Auth:Oidc:DisplayName", DisplayName)
            .With("Auth:Oidc:RequireHttpsMetadata", "false")
            .With("Auth:Oidc:RoleMap:Clinical Reviewers", "reviewer")
            .With("Console:AllowKeySignIn", "false")
            .With("Content:PublicBaseUrl", BaseAddress.ToString().TrimEnd('/'))
            .With("Review:SignOffRequiresPerson", "true");
        await Api.InitializeAsync();
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>What the browser scripts need: the API under test and the provider's name on the button.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["API_BASE"] = BaseAddress.ToString().TrimEnd('/'),
        ["DISPLAY_NAME"] = DisplayName,
    };

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

public sealed class ConsoleOidcTests(OidcConsoleApi fixture) : IClassFixture<OidcConsoleApi>
{
    [Fact]
    public async Task SignInStartsTheCodeFlowAtTheProvider()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.BaseAddress };
        using var response = await client.GetAsync(new Uri("/console/sign-in/oidc?returnUrl=%2Fconsole%2Farticles", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(fixture.Provider.Issuer + "/auth?", location.ToString(), StringComparison.Ordinal);
        // The provider offers pushed authorization requests, so the parameters (code, PKCE S256, /signin-oidc, the
        // scopes) went to it directly; the browser carries only their reference. The provider requires PKCE of every
        // client (the browser test shows the flow then completes).
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(OidcProvider.ConsoleClientId, query["client_id"].ToString());
        Assert.StartsWith("urn:ietf:params:oauth:request_uri:", query["request_uri"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeySignInIsOffWhenTheSettingSaysSo()
    {
        using var client = fixture.Api.CreateClient();
        var page = await client.GetStringAsync(new Uri("/console/sign-in", UriKind.Relative));
        Assert.Contains($"Sign in with {OidcConsoleApi.DisplayName}", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"key\"", page, StringComparison.Ordinal);
    }

    /// <summary>The whole flow in headless Chromium: sign in, role from the claim and from RoleMap, 403 without a role, sign-out at both ends.</summary>
    [Fact]
    public async Task PeopleSignInThroughTheProviderInABrowser()
    {
        var seen = await BrowserScript.RunAsync("console-sign-in.mjs", fixture.Environment);
        Assert.Equal("Ed Itor (editor)", seen.GetProperty("editor").GetProperty("who").GetString());
        Assert.Equal($"ed@clinic.test · subject ed at {fixture.Provider.Issuer}", seen.GetProperty("editor").GetProperty("whoExactly").GetString());
        Assert.True(seen.GetProperty("editor").GetProperty("cookie").GetProperty("httpOnly").GetBoolean());
        Assert.Equal("Strict", seen.GetProperty("editor").GetProperty("cookie").GetProperty("sameSite").GetString());
        Assert.True(seen.GetProperty("signOut").GetProperty("providerAsksLoginAgain").GetBoolean());
        Assert.Equal("Dr Rita Review (reviewer)", seen.GetProperty("reviewer").GetString());
        Assert.Equal("No console role", seen.GetProperty("noRole").GetProperty("page").GetString());
    }
}
