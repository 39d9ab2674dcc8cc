using System.Text.Json.Nodes;

namespace KetamineContent.Api.Delivery;

/// <summary>A published article as schema.org MedicalWebPage JSON-LD, for search engines.</summary>
public static class JsonLd
{
    public const string ContentType = "application/ld+json";

    /// <param name="specialty">The condition's schema.org MedicalSpecialty (for example Psychiatric), or null.</param>
    public static JsonObject For(ArticleDocument a, string topicName, string? icd10, string url, string? specialty = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        var condition = new JsonObject { ["@type"] = "MedicalCondition", ["name"] = topicName };
        if (icd10 is not null)
        {
            condition["code"] = new JsonObject { ["@type"] = "MedicalCode", ["codeValue"] = icd10, ["codingSystem"] = "ICD-10" };
        }

        var page = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "MedicalWebPage",
            ["@id"] = url,
            ["url"] = url,
            ["headline"] = a.Title,
            ["name"] = a.Title,
            ["description"] = a.Summary,
            ["inLanguage"] = a.Locale,
            ["about"] = condition,
            ["keywords"] = string.Join(", ", a.Tags),
            ["datePublished"] = Http.Instants.Text(a.PublishedAt),
            ["dateModified"] = Http.Instants.Text(a.UpdatedAt),
            ["wordCount"] = a.WordCount,
            ["timeRequired"] = $"PT{a.ReadingTimeMinutes}M",
            ["medicalAudience"] = new JsonObject { ["@type"] = "MedicalAudience", ["audienceType"] = "Patient" },
            ["text"] = string.Join("\n\n", Trust.CitationRenderer.Text(a, MarkdownRenderer.ToText).Sections.Select(s => s.Heading + "\n" + s.Body)),
            ["disclaimer"] = a.Disclaimer,
        };
        if (specialty is not null)
        {
            page["specialty"] = "https://schema.org/" + specialty;
        }

        if (a.Review is { } review)
        {
            page["lastReviewed"] = review.ReviewedAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            page["reviewedBy"] = Trust.ReviewerJsonLd.Person(review.ReviewedBy);
        }

        var images = a.Assets.Where(x => x.Srcset is not null).ToList();
        if (images.Count > 0)
        {
            var origin = url.Contains("/v1/articles/", StringComparison.Ordinal) ? url[..url.IndexOf("/v1/articles/", StringComparison.Ordinal)] : "";
            page["image"] = new JsonArray(images.Select(x => (JsonNode)new JsonObject
            {
                ["@type"] = "ImageObject",
                ["url"] = origin + x.Url,
                ["width"] = x.Width,
                ["height"] = x.Height,
                ["caption"] = x.Caption ?? x.Alt,
            }).ToArray());
        }

        if (a.References.Count > 0)
        {
            page["citation"] = new JsonArray(a.References.Select(Trust.CslJson.JsonLdCitation).ToArray());
        }

        return page;
    }
}
