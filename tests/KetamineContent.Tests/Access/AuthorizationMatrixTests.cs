using System.Net;
using System.Net.Http.Json;
using KetamineContent.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineContent.Tests.Access;

public sealed class AuthorizationMatrixTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Article = "6b1f0c1e-0004-4000-8000-000000000004";
    private static readonly string[] Ranks = ["previewer", "editor", "reviewer", "admin"];

    /// <summary>Every management operation with the least role it needs.</summary>
    public static TheoryData<string, string, string> Operations => new()
    {
        { "POST", "/v1/manage/articles", "editor" },
        { "POST", "/v1/manage/articles/import?slug=imported&topic=depression", "editor" },
        { "GET", "/v1/manage/articles", "editor" },
        { "GET", $"/v1/manage/articles/{Article}", "editor" },
        { "PATCH", $"/v1/manage/articles/{Article}", "editor" },
        { "POST", $"/v1/manage/articles/{Article}/revisions", "editor" },
        { "GET", $"/v1/manage/articles/{Article}/revisions", "editor" },
        { "GET", $"/v1/manage/articles/{Article}/revisions/1", "editor" },
        { "GET", $"/v1/manage/articles/{Article}/revisions/1/diff/1", "editor" },
        { "POST", $"/v1/manage/articles/{Article}/revisions/1/restore", "editor" },
        { "GET", $"/v1/manage/articles/{Article}/preview", "editor" },
        { "GET", $"/v1/manage/articles/{Article}/published", "editor" },
        { "GET", $"/v1/manage/articles/{Article}/linked-from", "editor" },
        { "POST", $"/v1/manage/articles/{Article}/preview-links", "editor" },
        { "GET", $"/v1/manage/articles/{Article}/preview-links", "editor" },
        { "DELETE", $"/v1/manage/articles/{Article}/preview-links/{Guid.Empty}", "editor" },
        { "POST", $"/v1/manage/articles/{Article}/revisions/1/review", "reviewer" },
        { "POST", $"/v1/manage/articles/{Article}/publish", "reviewer" },
        { "POST", $"/v1/manage/articles/{Article}/unpublish", "reviewer" },
        { "POST", $"/v1/manage/articles/{Article}/archive", "reviewer" },
        { "POST", $"/v1/manage/articles/{Article}/unarchive", "reviewer" },
        { "POST", $"/v1/manage/articles/{Article}/comments", "editor" },
        { "GET", $"/v1/manage/articles/{Article}/comments", "editor" },
        { "POST", $"/v1/manage/articles/{Article}/tasks", "editor" },
        { "GET", $"/v1/manage/articles/{Article}/tasks", "editor" },
        { "POST", $"/v1/manage/articles/{Article}/tasks/{Guid.Empty}/resolve", "editor" },
        { "POST", $"/v1/manage/articles/{Article}/tasks/{Guid.Empty}/reopen", "editor" },
        { "POST", "/v1/manage/releases", "editor" },
        { "GET", "/v1/manage/releases", "editor" },
        { "GET", $"/v1/manage/releases/{Guid.Empty}", "editor" },
        { "POST", $"/v1/manage/releases/{Guid.Empty}/items", "editor" },
        { "DELETE", $"/v1/manage/releases/{Guid.Empty}/items/{Article}", "editor" },
        { "POST", $"/v1/manage/releases/{Guid.Empty}/validate", "editor" },
        { "POST", $"/v1/manage/releases/{Guid.Empty}/publish", "reviewer" },
        { "POST", $"/v1/manage/releases/{Guid.Empty}/revert", "reviewer" },
        { "POST", "/v1/manage/assets", "editor" },
        { "GET", "/v1/manage/assets", "editor" },
        { "GET", $"/v1/manage/assets/{Guid.Empty}", "editor" },
        { "PUT", $"/v1/manage/assets/{Guid.Empty}", "editor" },
        { "DELETE", $"/v1/manage/assets/{Guid.Empty}", "editor" },
        { "GET", $"/v1/manage/assets/{Guid.Empty}/usage", "editor" },
        { "POST", "/v1/manage/reviewers", "admin" },
        { "GET", "/v1/manage/reviewers", "admin" },
        { "GET", $"/v1/manage/reviewers/{Guid.Empty}", "admin" },
        { "PUT", $"/v1/manage/reviewers/{Guid.Empty}", "admin" },
        { "POST", "/v1/manage/keys", "admin" },
        { "GET", "/v1/manage/keys", "admin" },
        { "GET", $"/v1/manage/keys/{Guid.Empty}", "admin" },
        { "DELETE", $"/v1/manage/keys/{Guid.Empty}", "admin" },
        { "GET", "/v1/manage/audit", "admin" },
        { "POST", "/v1/manage/people/sign-out", "admin" },
        { "POST", $"/v1/manage/articles/{Article}/publish-failure/acknowledge", "editor" },
        { "POST", "/v1/manage/webhooks", "admin" },
        { "GET", "/v1/manage/webhooks", "admin" },
        { "GET", $"/v1/manage/webhooks/{Guid.Empty}", "admin" },
        { "PUT", $"/v1/manage/webhooks/{Guid.Empty}", "admin" },
        { "DELETE", $"/v1/manage/webhooks/{Guid.Empty}", "admin" },
        { "POST", $"/v1/manage/webhooks/{Guid.Empty}/rotate-secret", "admin" },
        { "GET", $"/v1/manage/webhooks/{Guid.Empty}/deliveries", "admin" },
        { "POST", $"/v1/manage/webhooks/{Guid.Empty}/deliveries/{Guid.Empty}/redeliver", "admin" },
        { "GET", "/v1/manage/topics/anxiety/codes", "admin" },
        { "PUT", "/v1/manage/topics/anxiety/codes", "admin" },
        { "GET", $"/v1/manage/articles/{Article}/clinical", "editor" },
        { "PUT", $"/v1/manage/articles/{Article}/clinical", "editor" },
        { "GET", $"/v1/manage/articles/{Article}/feedback", "editor" },
        { "POST", $"/v1/manage/articles/{Article}/feedback/{Guid.Empty}/handled", "editor" },
    };

    private static HttpRequestMessage Request(string method, string path) =>
        new(new HttpMethod(method), path) { Content = method is "POST" or "PUT" ? JsonContent.Create(new { }) : null };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task WithoutAValidKeyEveryManagementOperationIs401(string method, string path, string role)
    {
        Assert.Contains(role, Ranks);
        var revokedKey = await api.KeyAsync("admin");
        using var admin = api.Client(ApiFactory.AdminKey);
        var keys = await (await admin.GetAsync("/v1/manage/keys")).JsonAsync();
        var revokedId = keys.GetProperty("items").EnumerateArray().Single(k => revokedKey.StartsWith(k.GetProperty("prefix").GetString()!, StringComparison.Ordinal)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/manage/keys/{revokedId}")).StatusCode);

        foreach (var key in new[] { null, "kc_not-a-real-key", revokedKey, "" })
        {
            using var client = api.Client(null);
            using var request = Request(method, path);
            if (key is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
            }

            var response = await client.SendAsync(request);
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
            Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task EachRoleIsAllowedExactlyWhatItsRankGrants(string method, string path, string role)
    {
        foreach (var rank in Ranks)
        {
            using var client = api.Client(await api.KeyAsync(rank));
            var response = await client.SendAsync(Request(method, path));
            var allowed = Array.IndexOf(Ranks, rank) >= Array.IndexOf(Ranks, role);
            if (allowed)
            {
                Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                    $"{rank} was refused {method} {path}: {(int)response.StatusCode}");
                Assert.True((int)response.StatusCode < 500, $"{method} {path} as {rank}: {(int)response.StatusCode}");
            }
            else
            {
                await response.AssertProblemAsync(HttpStatusCode.Forbidden);
            }
        }
    }

    [Fact]
    public void EveryManagementRouteInTheAppHasAnAuthorizationPolicy()
    {
        var endpoints = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/v1/manage", StringComparison.Ordinal))
            .ToList();
        Assert.True(endpoints.Count >= 18);
        Assert.All(endpoints, e => Assert.True(
            e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy)),
            $"{e.DisplayName} has no authorization policy"));
        Assert.Equal(Operations.Count, endpoints.Count);
    }

    [Fact]
    public async Task DeliveryStaysPublic()
    {
        using var client = api.Client(null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/articles")).StatusCode);
        using var withBadKey = api.Client("kc_not-a-real-key");
        Assert.Equal(HttpStatusCode.OK, (await withBadKey.GetAsync("/v1/articles/ketamine-for-addiction")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await withBadKey.GetAsync("/v1/articles/ketamine-for-addiction/references?format=csl")).StatusCode);
    }
}
