using System.Text.Json;
using Dapper;
using KetamineContent.Api.Cli;
using KetamineContent.Api.Delivery;
using KetamineContent.Api.Editing;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Performance;

/// <summary>Every hot query reaches its rows through an index once the collection is large (no sequential scan of a big table).</summary>
public sealed class QueryPlanTests(QueryPlanTests.Fixture fixture) : IClassFixture<QueryPlanTests.Fixture>
{
    private static readonly string[] BigTables =
        ["article", "revision", "section", "reference", "review", "sync_change", "search_section", "publication_event", "audit_log"];

    public sealed class Fixture : ApiFactory
    {
        protected override async Task ArrangeAsync() => await SyntheticContent.LoadAsync(ConnectionString, 3000);
    }

    public static TheoryData<string> Queries => new(
        "PublishedBySlug", "List:-published", "List:published", "List:-updated", "List:title", "List:-title", "ListDeepCursor",
        "ListByTopic", "ListByTag", "SyncChanges", "SyncSnapshot", "SyncByIds", "Search", "AsOf", "ManageArticle", "ManageList", "ManageListAll", "Revisions");

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task TheQueryPlanUsesAnIndex(string name)
    {
        await using var db = await fixture.OpenDatabaseAsync();
        var id = await db.ExecuteScalarAsync<Guid>("SELECT id FROM article WHERE status = 'published' ORDER BY id OFFSET 1500 LIMIT 1");
        var slug = await db.ExecuteScalarAsync<string>("SELECT slug FROM article WHERE id = @id", new { id });
        var at = await db.ExecuteScalarAsync<DateTime>("SELECT first_published_at FROM article WHERE id = @id", new { id });
        var lastSeq = await db.ExecuteScalarAsync<long>("SELECT last_seq FROM sync_state");
        var none = new { Topic = (string?)null, Tag = (string?)null, Locale = (string?)null, AfterId = (Guid?)null, AfterValue = (string?)null, Take = 21 };
        var (sql, parameters) = name switch
        {
            "PublishedBySlug" => (ArticleSql.PublishedBySlug, (object)new { Slug = slug, Locales = new[] { "en" } }),
            "ListDeepCursor" => (ArticleListSql.Sorts["-published"], new { none.Topic, none.Tag, none.Locale, AfterId = (Guid?)id, AfterValue = at.ToString("O"), none.Take }),
            "ListByTopic" => (ArticleListSql.Sorts["-published"], new { Topic = (string?)"anxiety", none.Tag, none.Locale, none.AfterId, none.AfterValue, none.Take }),
            "ListByTag" => (ArticleListSql.Sorts["-published"], new { none.Topic, Tag = (string?)"group-7", none.Locale, none.AfterId, none.AfterValue, none.Take }),
            var list when list.StartsWith("List:", StringComparison.Ordinal) => (ArticleListSql.Sorts[list[5..]], none),
            "SyncChanges" => (KetamineContent.Api.Sync.SyncSql.Changes, new { After = lastSeq - 10, Upto = lastSeq, Topic = (string?)null, Locale = (string?)null, Take = 51 }),
            "SyncSnapshot" => (KetamineContent.Api.Sync.SyncSql.SnapshotPage, new { AfterId = (Guid?)id, Topic = (string?)null, Locale = (string?)null, Take = 51 }),
            "SyncByIds" => (KetamineContent.Api.Sync.SyncSql.PublishedByIds, new { Ids = new[] { id } }),
            "Search" => (KetamineContent.Api.Search.SearchSql.Search, new { Q = "panic trauma", Topic = (string?)null, Tag = (string?)null, Locale = (string?)null, AfterId = (Guid?)null, AfterRank = (double?)null, Take = 21, Cap = KetamineContent.Api.Search.SearchSql.RankedCandidates }),
            "AsOf" => (ArticleSql.AsOf, new { Slug = slug, Locales = new[] { "en" }, AsOf = DateTime.UtcNow }),
            "ManageArticle" => (ManageSql.ArticleById, new { Id = id }),
            "ManageList" => (ManageSql.ArticlePage, new { Status = (string?)"published", Slug = (string?)null, Locale = (string?)null, Q = (string?)null, ReviewState = (string?)null, Now = DateTime.UtcNow, ReviewDueBefore = (DateTime?)null, Topic = (string?)null, AfterId = (Guid?)null, AfterAt = (DateTime?)null, Take = 21 }),
            // The console's articles page: no filter, newest change first (it sorted every article before).
            "ManageListAll" => (ManageSql.ArticlePage, new { Status = (string?)null, Slug = (string?)null, Locale = (string?)null, Q = (string?)null, ReviewState = (string?)null, Now = DateTime.UtcNow, ReviewDueBefore = (DateTime?)null, Topic = (string?)null, AfterId = (Guid?)null, AfterAt = (DateTime?)null, Take = 51 }),
            "Revisions" => (ManageSql.RevisionSummaries, new { Id = id }),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };

        var plan = await db.ExecuteScalarAsync<string>("EXPLAIN (FORMAT JSON) " + sql, parameters);
        var scans = new List<string>();
        Walk(JsonDocument.Parse(plan!).RootElement[0].GetProperty("Plan"), scans);
        Assert.True(scans.Count == 0, $"{name} scans {string.Join(", ", scans)} sequentially:\n{plan}");
    }

    /// <summary>
    /// A word in every article (3,004 of them) ranks only the capped candidate set, and finding it touches fewer pages
    /// than the article table has (the old plan ranked every match, visiting every article).
    /// </summary>
    [Fact]
    public async Task ABroadSearchRanksOnlyTheCappedCandidates()
    {
        await using var db = await fixture.OpenDatabaseAsync();
        var matches = await db.ExecuteScalarAsync<int>("SELECT count(*) FROM article WHERE status = 'published' AND search @@ websearch_to_tsquery('english', 'ketamine')");
        var tablePages = await db.ExecuteScalarAsync<long>("SELECT pg_relation_size('article') / current_setting('block_size')::int");
        Assert.True(matches > 3 * KetamineContent.Api.Search.SearchSql.RankedCandidates, $"only {matches} matches");

        var plan = await db.ExecuteScalarAsync<string>("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + KetamineContent.Api.Search.SearchSql.Search,
            new { Q = "ketamine", Topic = (string?)null, Tag = (string?)null, Locale = (string?)null, AfterId = (Guid?)null, AfterRank = (double?)null, Take = 21, Cap = KetamineContent.Api.Search.SearchSql.RankedCandidates });
        var ranked = new List<JsonElement>();
        Find(JsonDocument.Parse(plan!).RootElement[0].GetProperty("Plan"), n => n.TryGetProperty("Function Name", out var f) && f.GetString() == "search_candidates", ranked);
        var candidates = Assert.Single(ranked);
        Assert.Equal(KetamineContent.Api.Search.SearchSql.RankedCandidates, candidates.GetProperty("Actual Rows").GetInt32());
        var pages = candidates.GetProperty("Shared Hit Blocks").GetInt64() + candidates.GetProperty("Shared Read Blocks").GetInt64();
        Assert.True(pages < tablePages, $"finding the candidates touched {pages} pages; the article table has {tablePages}:\n{plan}");
    }

    private static void Find(JsonElement node, Func<JsonElement, bool> match, List<JsonElement> found)
    {
        if (match(node))
        {
            found.Add(node);
        }

        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                Find(child, match, found);
            }
        }
    }

    private static void Walk(JsonElement node, List<string> scans)
    {
        if (node.GetProperty("Node Type").GetString() == "Seq Scan" && node.TryGetProperty("Relation Name", out var relation)
            && BigTables.Contains(relation.GetString()))
        {
            scans.Add(relation.GetString()!);
        }

        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                Walk(child, scans);
            }
        }
    }
}
