using System.Data;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Npgsql;

namespace KetamineContent.Api.Trust;

/// <summary>An article that links to another (or lists it as related); <c>kinds</c> holds 'link' and/or 'related'.</summary>
public sealed record LinkingArticle(Guid Id, string Slug, string Locale, string Title, IReadOnlyList<string> Kinds)
{
    /// <summary>Whether its readers are led to this very article now (not to another translation).</summary>
    [JsonIgnore]
    public bool ResolvesHere { get; init; }
}

/// <summary>The published articles that link to an article or list it as related.</summary>
public sealed record LinkedFromList(Guid ArticleId, IReadOnlyList<LinkingArticle> Items);

/// <summary>
/// Links between articles: sections write [text](article:slug), a revision lists <c>related</c> slugs. This finds them
/// in Markdown, records them with each revision (in its transaction), says which links of a revision lead nowhere
/// (publishing and release validation call <see cref="BrokenAsync"/>), and which published articles link to one.
/// </summary>
public static class ArticleLinks
{
    public const string Scheme = "article:";

    /// <summary>The slug named by an article: URL (as written, possibly malformed), or null for any other URL.</summary>
    public static string? Target(string? url) =>
        url is not null && url.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? url[Scheme.Length..] : null;

    /// <summary>The slugs the bodies link to, in order of first use, each once.</summary>
    public static IReadOnlyList<string> Find(IEnumerable<string?> bodies) =>
        bodies.SelectMany(b => Markdown.Parse(b ?? "").Descendants<LinkInline>())
            .Where(l => !l.IsImage).Select(l => Target(l.Url)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Records a revision's links and related entries (a statement of the revision's batch, when there are any).</summary>
    public static void Add(Writes.StatementBatch batch, Guid articleId, int number, IEnumerable<string> bodies, IReadOnlyList<string> related)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(related);
        var rows = Find(bodies).Select((slug, i) => new Row("link", i + 1, slug))
            .Concat(related.Select((slug, i) => new Row("related", i + 1, slug))).ToList();
        if (rows.Count > 0)
        {
            batch.Add(LinkSql.Insert, new { ArticleId = articleId, Number = number, Links = JsonSerializer.Serialize(rows) });
        }
    }

    /// <summary>The slugs a revision links to that lead its readers nowhere (no published article, no published replacement), in order of use.</summary>
    public static async Task<IReadOnlyList<string>> BrokenAsync(IDbConnection c, IDbTransaction? tx, Guid articleId, int number, CancellationToken ct) =>
        (await c.QueryAsync<string>(new CommandDefinition(LinkSql.Broken, new { Id = articleId, Number = number }, tx, cancellationToken: ct))).ToList();

    /// <summary>Publishing refuses a revision with a link that leads nowhere (a slug <paramref name="arriving"/> in the same transaction leads somewhere).</summary>
    public static async Task<IReadOnlyList<string>> ReasonsNotToPublishAsync(
        IDbConnection c, IDbTransaction tx, Guid articleId, int number, CancellationToken ct, IReadOnlySet<string>? arriving = null) =>
        (await BrokenAsync(c, tx, articleId, number, ct)).Where(slug => arriving?.Contains(slug) != true)
            .Select(slug => $"The link to 'article:{slug}' leads nowhere: no article with that slug is published (or replaced by a published one).")
            .ToList();

    /// <summary>The published articles that link to this one or list it as related (directly, or through a withdrawn article it replaces).</summary>
    public static async Task<IReadOnlyList<LinkingArticle>> LinkedFromAsync(IDbConnection c, IDbTransaction? tx, Guid articleId, CancellationToken ct) =>
        (await c.QueryAsync<LinkingRow>(new CommandDefinition(LinkSql.LinkedFrom, new { Id = articleId }, tx, cancellationToken: ct)))
            .Select(r => new LinkingArticle(r.Id, r.Slug, r.Locale, r.Title ?? "", r.Kinds) { ResolvesHere = r.ResolvesHere == true })
            .ToList();

    /// <summary>
    /// After this article was published or withdrawn: what the articles linking to it show has changed, so each node's
    /// cache drops them and the sync feed hands them out again (in the caller's transaction).
    /// </summary>
    public static async Task TellLinkingReadersAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid articleId, CancellationToken ct)
    {
        foreach (var linking in await LinkedFromAsync(c, tx, articleId, ct))
        {
            await Writes.ChangeLog.ReadersAffectedAsync(c, tx, linking.Id, null, ct);
        }
    }

    private sealed record Row(
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("position")] int Position,
        [property: JsonPropertyName("target_slug")] string TargetSlug);

    private sealed class LinkingRow
    {
        public Guid Id { get; init; }
        public string Slug { get; init; } = "";
        public string Locale { get; init; } = "";
        public string? Title { get; init; }
        public string[] Kinds { get; init; } = [];
        public bool? ResolvesHere { get; init; }
    }
}
