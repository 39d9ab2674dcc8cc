using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using KetamineContent.Api.Delivery;

namespace KetamineContent.Api.Trust;

/// <summary>
/// References for reference managers and citation processors: CSL-JSON items (the Citation Style Language's data schema,
/// csl-data.json), and the schema.org citation objects of JSON-LD. Authors written "Taylor JH" (AMA) become family "Taylor",
/// given "J. H." (so CSL styles initialise them back); any other name is kept whole as a literal.
/// </summary>
public static class CslJson
{
    public const string ContentType = "application/vnd.citationstyles.csl+json";

    public static IReadOnlyList<CslItem> Items(IReadOnlyList<ReferenceDocument> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        return references.Select(r => new CslItem(
            r.Id,
            r.Journal is not null ? "article-journal" : r.Publisher is not null && r.Url is null ? "book" : "webpage",
            r.Title,
            r.Authors.Count == 0 ? null : r.Authors.Select(Name).ToList(),
            r.Journal,
            r.Publisher,
            r.Year is { } y ? new CslDate([[y]]) : null,
            r.Volume,
            r.Issue,
            r.Pages,
            r.Doi,
            r.PubmedId,
            r.Url,
            r.Accessed is { } a ? new CslDate([[a.Year, a.Month, a.Day]]) : null)).ToList();
    }

    /// <summary>A schema.org citation: a ScholarlyArticle (journal), Book or CreativeWork, with its authors, year and links.</summary>
    public static JsonNode JsonLdCitation(ReferenceDocument r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var item = new JsonObject
        {
            ["@type"] = r.Journal is not null ? "ScholarlyArticle" : r.Publisher is not null && r.Url is null ? "Book" : "CreativeWork",
            ["name"] = r.Title,
        };
        if (r.Authors.Count > 0)
        {
            item["author"] = new JsonArray(r.Authors.Select(n => (JsonNode)new JsonObject { ["@type"] = "Person", ["name"] = n }).ToArray());
        }

        if (r.Journal is not null)
        {
            item["isPartOf"] = new JsonObject { ["@type"] = "Periodical", ["name"] = r.Journal };
        }

        if (r.Publisher is not null)
        {
            item["publisher"] = new JsonObject { ["@type"] = "Organization", ["name"] = r.Publisher };
        }

        if (r.Year is { } year)
        {
            item["datePublished"] = year.ToString(CultureInfo.InvariantCulture);
        }

        var doi = r.Doi is null ? null : "https://doi.org/" + r.Doi;
        item["url"] = r.Url ?? doi ?? (r.PubmedId is null ? null : $"https://pubmed.ncbi.nlm.nih.gov/{r.PubmedId}/");
        if (doi is not null)
        {
            item["sameAs"] = doi;
        }

        return item;
    }

    private static CslName Name(string author)
    {
        var space = author.LastIndexOf(' ');
        var initials = space > 0 ? author[(space + 1)..] : "";
        return initials.Length is >= 1 and <= 4 && initials.All(char.IsUpper)
            ? new CslName(author[..space].Trim(), string.Join(" ", initials.Select(c => c + ".")), null)
            : new CslName(null, null, author);
    }
}

/// <summary>One CSL-JSON item; items come in the order of the article's numbers (first citation first).</summary>
public sealed record CslItem(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("author"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<CslName>? Author,
    [property: JsonPropertyName("container-title"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ContainerTitle,
    [property: JsonPropertyName("publisher"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Publisher,
    [property: JsonPropertyName("issued"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CslDate? Issued,
    [property: JsonPropertyName("volume"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Volume,
    [property: JsonPropertyName("issue"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Issue,
    [property: JsonPropertyName("page"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Page,
    [property: JsonPropertyName("DOI"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Doi,
    [property: JsonPropertyName("PMID"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Pmid,
    [property: JsonPropertyName("URL"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url,
    [property: JsonPropertyName("accessed"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CslDate? Accessed);

/// <summary>A CSL name: family and given ("Taylor", "JH"), or a literal when the name is not written "Family Initials".</summary>
public sealed record CslName(
    [property: JsonPropertyName("family"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Family,
    [property: JsonPropertyName("given"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Given,
    [property: JsonPropertyName("literal"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Literal);

/// <summary>A CSL date: date-parts [[year, month, day]].</summary>
public sealed record CslDate([property: JsonPropertyName("date-parts")] IReadOnlyList<IReadOnlyList<int>> DateParts);
