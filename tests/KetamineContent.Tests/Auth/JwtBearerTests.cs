using System.Net;
using System.Text.Json;
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

    /// <summary>A sign-off is a person's, recently authenticated: a client-credentials token says no auth_time, so it is refused before anything is written.</summary>
    [Fact]
    public async Task ATokenThatSaysNotWhenThePersonAuthenticatedCannotSignOff()
    {
        using var admin = fixture.Api.Client(ApiFactory.AdminKey);
        var (id, _, _) = await Articles.CreateAsync(admin, Articles.NewSlug("jwt-sign-off"));
        using var machine = fixture.Api.Client(await fixture.Provider.MachineTokenAsync(clientId: OidcProvider.ReviewerMachineClientId));
        using var response = await Articles.ReviewAsync(machine, id, 1);
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("insufficient_user_authentication", problem.GetProperty("error").GetString());
        Assert.Equal(900, problem.GetProperty("maxAge").GetInt32());
        Assert.Contains("no auth_time", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // RFC 9470: the challenge names the error and the age the resource needs.
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Contains("error=\"insufficient_user_authentication\"", challenge, StringComparison.Ordinal);
        Assert.Contains("max_age=\"900\"", challenge, StringComparison.Ordinal);
        var revision = await (await admin.GetAsync(new Uri($"/v1/manage/articles/{id}/revisions/1", UriKind.Relative))).JsonAsync();
        Assert.Equal(0, revision.GetProperty("reviews").GetArrayLength());
    }

    /// <summary>A token caller is named in the audit log by the token's issuer and subject, not only by a display name.</summary>
    [Fact]
    public async Task AnAuditRowNamesTheTokensIssuerAndSubject()
    {
        using var machine = fixture.Api.Client(await fixture.Provider.MachineTokenAsync());
        var (id, _, _) = await Articles.CreateAsync(machine, Articles.NewSlug("jwt-audit"));
        using var admin = fixture.Api.Client(ApiFactory.AdminKey);
        var audit = await (await admin.GetAsync(new Uri($"/v1/manage/audit?articleId={id}", UriKind.Relative))).JsonAsync();
        var created = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal(OidcProvider.MachineClientId, created.GetProperty("actor").GetString());
        Assert.False(created.TryGetProperty("keyId", out var key) && key.ValueKind != JsonValueKind.Null, "no key acted");
        Assert.Equal(fixture.Provider.Issuer, created.GetProperty("person").GetProperty("issuer").GetString());
        Assert.Equal(OidcProvider.MachineClientId, created.GetProperty("person").GetProperty("subject").GetString());
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
