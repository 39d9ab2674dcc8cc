using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text.Json.Serialization;
using System.Xml;
using System.Xml.Linq;

namespace KetamineContent.Api.Clinical;

/// <summary>One article of an Infobutton answer: where to read it, and its review dates (yyyy-MM-dd; null without a sign-off).</summary>
public sealed record InfobuttonEntry(Guid Id, string Title, string Link, string Summary, DateTimeOffset Updated, string Locale, string? LastReviewed, string? NextReviewDue);

/// <summary>An Infobutton answer before it is written as Atom or JSON; <c>categories</c> echo the request (scheme: the parameter, term: its value).</summary>
public sealed record InfobuttonAnswer(string Id, string Title, string Subtitle, DateTimeOffset Updated, string Language, PublisherDocument Publisher,
    IReadOnlyList<(string Scheme, string Term)> Categories, IReadOnlyList<InfobuttonEntry> Entries);

/// <summary>The answer as JSON, in the shape MedlinePlus Connect answers (an Atom feed as objects, text in <c>_value</c>).</summary>
public sealed record InfobuttonJson(InfobuttonJsonFeed Feed);

public sealed record InfobuttonJsonFeed(string Lang, InfobuttonText Title, InfobuttonValue Updated, InfobuttonValue Id, InfobuttonAuthor Author,
    InfobuttonText Subtitle, IReadOnlyList<InfobuttonCategory> Category, IReadOnlyList<InfobuttonJsonEntry> Entry);

public sealed record InfobuttonValue([property: JsonPropertyName("_value")] string Value);

public sealed record InfobuttonText([property: JsonPropertyName("_value")] string Value, string Type = "text");

public sealed record InfobuttonAuthor(InfobuttonValue Name, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] InfobuttonValue? Uri);

public sealed record InfobuttonCategory(string Scheme, string Term);

public sealed record InfobuttonLink(string Href, string Rel = "alternate");

/// <summary>An entry; <c>lastReviewed</c> and <c>nextReviewDue</c> are the medical sign-off's dates (left out without one).</summary>
public sealed record InfobuttonJsonEntry(string Lang, InfobuttonText Title, IReadOnlyList<InfobuttonLink> Link, InfobuttonValue Id, InfobuttonValue Updated,
    InfobuttonText Summary,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] InfobuttonValue? LastReviewed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] InfobuttonValue? NextReviewDue);

/// <summary>Writes an Infobutton answer: Atom 1.0 (System.ServiceModel.Syndication's formatter) or MedlinePlus-style JSON.</summary>
public static class InfobuttonFeed
{
    public const string AtomContentType = "application/atom+xml; charset=utf-8";

    /// <summary>The namespace of the review dates an Atom entry carries (Atom's extension elements).</summary>
    public const string ReviewNamespace = "urn:ketaminecontent:infobutton";

    public static InfobuttonEntry Entry(InfobuttonEntryRow row, string link)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new InfobuttonEntry(row.Id, row.Title, link, row.Summary, Delivery.DeliveryMapping.Utc(row.UpdatedAt), row.Locale,
            Day(row.ReviewedAt), Day(row.ReviewDue));
    }

    private static string? Day(DateTime? at) => at?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static byte[] Atom(InfobuttonAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var feed = new SyndicationFeed(answer.Title, answer.Subtitle, null, answer.Id, answer.Updated) { Language = answer.Language };
        feed.Authors.Add(new SyndicationPerson { Name = answer.Publisher.Name, Uri = answer.Publisher.Url });
        feed.Copyright = new TextSyndicationContent("© " + answer.Publisher.CopyrightHolder);
        foreach (var (scheme, term) in answer.Categories)
        {
            feed.Categories.Add(new SyndicationCategory(term, scheme, null));
        }

        var ns = XNamespace.Get(ReviewNamespace);
        feed.Items = answer.Entries.Select(e =>
        {
            var item = new SyndicationItem(e.Title, new TextSyndicationContent(e.Summary), null, "urn:uuid:" + e.Id.ToString("D"), e.Updated)
            {
                Summary = new TextSyndicationContent(e.Summary),
                Content = null,
            };
            item.Links.Add(new SyndicationLink(new Uri(e.Link, UriKind.RelativeOrAbsolute), "alternate", e.Title, "text/html", 0));
            if (e.LastReviewed is not null)
            {
                item.ElementExtensions.Add(new XElement(ns + "lastReviewed", new XAttribute(XNamespace.Xmlns + "kc", ns), e.LastReviewed));
            }

            if (e.NextReviewDue is not null)
            {
                item.ElementExtensions.Add(new XElement(ns + "nextReviewDue", new XAttribute(XNamespace.Xmlns + "kc", ns), e.NextReviewDue));
            }

            return item;
        }).ToList();

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Indent = false }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }

        return stream.ToArray();
    }

    public static InfobuttonJson Json(InfobuttonAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new InfobuttonJson(new InfobuttonJsonFeed(
            answer.Language,
            new InfobuttonText(answer.Title),
            new InfobuttonValue(Http.Instants.Text(answer.Updated)),
            new InfobuttonValue(answer.Id),
            new InfobuttonAuthor(new InfobuttonValue(answer.Publisher.Name), answer.Publisher.Url is { } uri ? new InfobuttonValue(uri) : null),
            new InfobuttonText(answer.Subtitle),
            answer.Categories.Select(c => new InfobuttonCategory(c.Scheme, c.Term)).ToList(),
            answer.Entries.Select(e => new InfobuttonJsonEntry(e.Locale, new InfobuttonText(e.Title), [new InfobuttonLink(e.Link)],
                new InfobuttonValue("urn:uuid:" + e.Id.ToString("D")), new InfobuttonValue(Http.Instants.Text(e.Updated)), new InfobuttonText(e.Summary),
                e.LastReviewed is { } reviewed ? new InfobuttonValue(reviewed) : null,
                e.NextReviewDue is { } due ? new InfobuttonValue(due) : null)).ToList()));
    }
}
