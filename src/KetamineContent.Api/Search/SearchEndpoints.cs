using System.ComponentModel;
using System.Globalization;
using Dapper;
using KetamineContent.Api.Delivery;
using KetamineContent.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using KetamineContent.Api.OpenApi;

namespace KetamineContent.Api.Search;

/// <summary>GET /v1/search: full-text search over published articles. Any query gets 200 or a clear 400.</summary>
public static class SearchEndpoints
{
    public const int MaxQueryLength = 200;

    public static RouteGroupBuilder MapSearch(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/search").WithTags("Search").RequireRateLimiting(KetamineContent.Api.Access.RateLimits.PerAddress)
            .OnlyDeclaredQueryParameters();
        group.MapGet("/", Search).WithName("Search")
            .WithSummary("Search published articles")
            .WithDescription("Web-search syntax (words, \"quoted phrases\", or, -exclusions), ranked title > summary > body, with the matching section kind and a <mark>-highlighted snippet. " +
                             $"When more than {SearchSql.RankedCandidates} published articles match, only the {SearchSql.RankedCandidates} most recently first-published of them are ranked and returned; narrow the query to reach older ones. Link rel=\"next\" points at the next page; count=true adds the total.")
            .ProducesProblem(400)
            .PagedByLink();
        return group;
    }

    public static async Task<Results<JsonBytes<SearchPage>, ProblemHttpResult>> Search(
        [Description("What to look for, 1 to 200 characters, in web-search syntax.")][System.ComponentModel.DataAnnotations.Required] string? q,
        [Description("Only articles about this topic.")] string? topic,
        [Description("Only articles with this tag.")] string? tag,
        [Description("Only articles in this locale.")] string? locale,
        [Description("Page size, 1 to 50. Default 20.")] int? limit,
        [Description("The nextCursor of the previous page.")] string? cursor,
        [Description("true adds 'total', the number of matching articles across all pages.")] bool? count,
        Data.DeliverySource dataSource, ResponseBytes bytes, HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Length > MaxQueryLength || q.Any(char.IsControl))
        {
            return Problems.BadRequest($"'q' must be 1 to {MaxQueryLength} characters of text (no control characters).", "q");
        }

        if (Problems.Limit(limit, 50) is { } badLimit)
        {
            return badLimit;
        }

        if ((topic is not null && !DeliveryRules.IsSlug(topic)) || (tag is not null && !DeliveryRules.IsSlug(tag)))
        {
            return Problems.BadRequest("'topic' and 'tag' must be lowercase slugs.", topic is not null && !DeliveryRules.IsSlug(topic) ? "topic" : "tag");
        }

        if (locale is not null && !DeliveryRules.IsLocale(locale))
        {
            return Problems.BadRequest("'locale' must look like 'en' or 'de-CH'.", "locale");
        }

        ListCursor? after = null;
        if (cursor is not null && (!ListCursor.TryDecode(cursor, out after) || after!.Sort != "search" ||
                                   !double.TryParse(after.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            return Problems.BadRequest("'cursor' is not a cursor this search handed out.", "cursor");
        }

        var take = limit ?? 20;
        await using var connection = await dataSource.OpenAsync(ct);
        var rows = (await connection.QueryAsync<HitRow>(new CommandDefinition(SearchSql.Search, new
        {
            Q = q,
            Topic = topic,
            Tag = tag,
            Locale = locale,
            AfterId = after?.Id,
            AfterRank = after is null ? (double?)null : double.Parse(after.Value, CultureInfo.InvariantCulture),
            Take = take + 1,
            Cap = SearchSql.RankedCandidates,
        }, cancellationToken: ct))).AsList();

        string? next = null;
        if (rows.Count > take)
        {
            rows.RemoveAt(take);
            next = new ListCursor("search", rows[^1].Rank.ToString("R", CultureInfo.InvariantCulture), rows[^1].Id).Encode();
        }

        var lexemes = Snippet.Lexemes(rows.FirstOrDefault()?.QueryTree);
        var candidates = rows.SelectMany(r => Snippet.Candidates(r.SnippetText, lexemes)).Distinct(StringComparer.Ordinal).Take(Snippet.MaxCandidates).ToArray();
        var stems = await Stems.OfAsync(connection, candidates, ct);
        var tokens = lexemes.Where(l => !l.All(char.IsLetterOrDigit)).ToList();
        bool Matches(string word) => lexemes.Contains(word) || (stems.GetValueOrDefault(word) is { } stem && lexemes.Contains(stem));

        int? total = count == true
            ? await connection.ExecuteScalarAsync<int>(new CommandDefinition(SearchSql.Count, new { Q = q, Topic = topic, Tag = tag, Locale = locale, Cap = SearchSql.RankedCandidates }, cancellationToken: ct))
            : null;
        return bytes.Create(new SearchPage(rows.Select(r => new SearchHit(r.Id, r.Slug, r.Locale, r.Title, r.Summary, r.Topic, r.Tags,
            DeliveryMapping.Utc(r.PublishedAt), DeliveryMapping.Utc(r.UpdatedAt), r.Rank, r.Section, Snippet.ToHtml(r.SnippetText, Matches, tokens))).ToList(), next, total),
            link: PageLinks.Next(http.Request, next));
    }

    private sealed class HitRow : ArticleSummaryRow
    {
        public double Rank { get; init; }
        public string? Section { get; init; }
        public string SnippetText { get; init; } = "";

        public string QueryTree { get; init; } = "";
    }
}
