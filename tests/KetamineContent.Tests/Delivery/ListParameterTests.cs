using System.Net;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Delivery;

public sealed class ListParameterTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=-5", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=99999999999999", "limit")]
    [InlineData("sort=popularity", "sort")]
    [InlineData("sort=--title", "sort")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("cursor=eyJTIjoidGl0bGUiLCJWIjoieCIsIkkiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDEifQ", "cursor")]
    [InlineData("topic=Not%20A%20Topic", "topic")]
    [InlineData("topic=no-such-condition", "topic")]
    [InlineData("tag=%3Cscript%3E", "tag")]
    [InlineData("locale=english", "locale")]
    public async Task BadParameterIs400ProblemNamingIt(string query, string parameter)
    {
        var problem = await (await _client.GetAsync("/v1/articles?" + query)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out var messages), problem.ToString());
        Assert.Contains(parameter, messages[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TopicsRejectAMalformedLocale()
    {
        var problem = await (await _client.GetAsync("/v1/topics?locale=EN_us")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("locale", out _));
    }

    [Theory]
    [InlineData("topic=addiction", 2)]
    [InlineData("topic=depression", 1)]
    [InlineData("topic=ptsd", 0)]
    [InlineData("tag=compulsive-eating", 1)]
    [InlineData("tag=ketamine", 4)]
    [InlineData("tag=ketamine&topic=anxiety", 1)]
    [InlineData("locale=en", 4)]
    [InlineData("locale=de", 0)]
    public async Task FiltersNarrowTheList(string query, int expected)
    {
        var body = await (await _client.GetAsync("/v1/articles?" + query)).JsonAsync();
        Assert.Equal(expected, body.GetProperty("items").GetArrayLength());
    }
}
