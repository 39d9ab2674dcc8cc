using System.Net;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Auth;

/// <summary>The API under test trusting the real oidc-provider for JWT access tokens (Auth:Jwt:*), beside its keys.</summary>
public sealed class JwtApi : IAsyncLifetime
{
    public OidcProvider Provider { get; private set; } = null!;

    public ApiFactory Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = Ports.Free();
        Provider = await OidcProvider.StartAsync(new Uri($"http://127.0.0.1:{port}"));
        Api = new ApiFactory().OnPort(port)
            .With("Auth:Jwt:Authority", Provider.Issuer)
            .With("Auth:Jwt:Audience", OidcProvider.Audience)
            .With("Auth:Jwt:RequireHttpsMetadata", "false");
        await Api.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

public sealed class JwtBearerTests(JwtApi fixture) : IClassFixture<JwtApi>
{
    [Fact]
    public async Task AnAccessTokenFromTheIssuerWorksWithTheRoleItsClaimGives()
    {
        using var client = fixture.Api.Client(await fixture.Provider.MachineTokenAsync());

        using var list = await client.GetAsync(new Uri("/v1/manage/articles", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);

        using var audit = await client.GetAsync(new Uri("/v1/manage/audit", UriKind.Relative));
        var problem = await audit.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("The role 'editor' may not perform this operation.", problem.GetProperty("detail").GetString());
    }

    /// <summary>Idempotency records are kept per API key: a token caller's Idempotency-Key is refused, never silently ignored (a retry would duplicate).</summary>
    [Fact]
    public async Task AnIdempotencyKeyWithATokenIsRefusedAndNothingIsWritten()
    {
        using var client = fixture.Api.Client(await fixture.Provider.MachineTokenAsync());
        var slug = Articles.NewSlug("jwt-idempotency");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/manage/articles", UriKind.Relative)) { Content = System.Net.Http.Json.JsonContent.Create(Articles.Body(slug)) };
        request.Headers.Add("Idempotency-Key", "retry-" + slug);
        using var response = await client.SendAsync(request);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Idempotency-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var admin = fixture.Api.Client(ApiFactory.AdminKey);
        Assert.DoesNotContain(slug, await (await admin.GetAsync(new Uri("/v1/manage/articles?q=" + slug, UriKind.Relative))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKeysStillWorkBesideTokens()
    {
        using var client = fixture.Api.Client(ApiFactory.AdminKey);
        using var audit = await client.GetAsync(new Uri("/v1/manage/audit", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
    }

    [Fact]
    public async Task AnExpiredTokenIs401()
    {
        // The same provider and keys, its clock an hour behind: the token it issues (10 minutes' life) expired 50 minutes ago.
        await using var past = await fixture.Provider.Variant(clockOffset: TimeSpan.FromHours(-1));
        await AssertRefusedAsync(await past.MachineTokenAsync(), "The access token has expired.");
    }

    [Fact]
    public async Task ATokenForAnotherAudienceIs401() =>
        await AssertRefusedAsync(await fixture.Provider.MachineTokenAsync(OidcProvider.OtherAudience), "The access token is for another audience.");

    [Fact]
    public async Task ATokenFromAnotherIssuerIs401()
    {
        // Signed with the trusted issuer's own keys, but issued under another name.
        await using var other = await fixture.Provider.Variant(issuer: "http://127.0.0.1/another-issuer");
        await AssertRefusedAsync(await other.MachineTokenAsync(), "The access token is from another issuer.");
    }

    [Fact]
    public async Task ABadlySignedTokenIs401()
    {
        // The trusted issuer's name, keys of its own.
        await using var forger = await fixture.Provider.Variant(ownKeys: true);
        await AssertRefusedAsync(await forger.MachineTokenAsync(), "The access token's signature does not verify with the issuer's keys.");
    }

    private async Task AssertRefusedAsync(string token, string detail)
    {
        using var client = fixture.Api.Client(token);
        using var response = await client.GetAsync(new Uri("/v1/manage/articles", UriKind.Relative));
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
        Assert.StartsWith("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }
}
