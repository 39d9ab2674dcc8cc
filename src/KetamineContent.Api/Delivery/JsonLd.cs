using System.Text.Json.Nodes;

namespace KetamineContent.Api.Delivery;

/// <summary>A published article as schema.org MedicalWebPage JSON-LD, for search engines.</summary>
public static class JsonLd
{
    public const string ContentType = "application/ld+json";

    /// <summary>
    /// The schema.org HealthAspectEnumeration value of each section kind: a section is a HealthTopicContent part of the
    /// page with that aspect, so a syndicator can take one aspect on its own (the table in the README).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> HealthAspects = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Content.SectionKinds.Overview] = "OverviewHealthAspect",
        [Content.SectionKinds.Mechanism] = "HowItWorksHealthAspect",
        [Content.SectionKinds.WhatToExpect] = "PatientExperienceHealthAspect",
        [Content.SectionKinds.SideEffects] = "SideEffectsHealthAspect",
        [Content.SectionKinds.Evidence] = "EffectivenessHealthAspect",
        [Content.SectionKinds.Alternatives] = "TreatmentsHealthAspect",
        [Content.SectionKinds.Risks] = "RisksOrComplicationsHealthAspect",
        [Content.SectionKinds.Conclusion] = "OverviewHealthAspect",
    };

    /// <summary>The page; <paramref name="topic"/> gives the condition's name, specialty and codes.</summary>
    public static JsonObject For(ArticleDocument a, TopicInfo topic, string url)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(topic);
        var specialty = topic.Specialty;
        var condition = new JsonObject { ["@type"] = "MedicalCondition", ["name"] = topic.Name };
        var conditionCodes = topic.Codes.Concat(a.Codes.Where(c => c.System != Clinical.CodeSystems.RxNorm)).ToList();
        if (conditionCodes.Count > 0)
        {
            condition["code"] = new JsonArray(conditionCodes.Select(MedicalCode).ToArray());
        }

        var drugs = a.Codes.Where(c => c.System == Clinical.CodeSystems.RxNorm).ToList();
        if (drugs.Count > 0)
        {
            condition["drug"] = new JsonArray(drugs.Select(d => (JsonNode)new JsonObject
            {
                ["@type"] = "Drug", ["name"] = d.Display ?? "RxNorm " + d.Code, ["code"] = MedicalCode(d),
            }).ToArray());
        }

        var sections = Trust.CitationRenderer.Text(a, MarkdownRenderer.ToText).Sections;
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
            ["text"] = string.Join("\n\n", sections.Select(s => s.Heading + "\n" + s.Body)),
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

        page["hasPart"] = new JsonArray(sections.Select((s, i) => (JsonNode)new JsonObject
        {
            ["@type"] = "HealthTopicContent",
            ["@id"] = $"{url}#{s.Kind}",
            ["name"] = s.Heading,
            ["hasHealthAspect"] = "https://schema.org/" + HealthAspects[s.Kind],
            ["position"] = i + 1,
            ["text"] = s.Body,
        }).ToArray());
        Attribution(page, a);
        return page;
    }

    private static JsonNode MedicalCode(Clinical.CodeDocument c)
    {
        var code = new JsonObject { ["@type"] = "MedicalCode", ["codeValue"] = c.Code, ["codingSystem"] = Clinical.CodeSystems.Name(c.System) };
        if (c.Display is not null)
        {
            code["name"] = c.Display;
        }

        return code;
    }

    /// <summary>Publisher, copyright, licence, attribution, next review date and funding.</summary>
    private static void Attribution(JsonObject page, ArticleDocument a)
    {
        if (a.Publisher is { } publisher)
        {
            var organization = new JsonObject { ["@type"] = "Organization", ["name"] = publisher.Name };
            if (publisher.Url is not null)
            {
                organization["url"] = publisher.Url;
            }

            page["publisher"] = organization;
            page["copyrightHolder"] = new JsonObject { ["@type"] = "Organization", ["name"] = publisher.CopyrightHolder };
            page["copyrightYear"] = a.PublishedAt.Year;
            page["creditText"] = publisher.Attribution;
            if (publisher.License is not null)
            {
                page["license"] = publisher.License;
            }
        }

        if (a.NextReviewDue is { } due)
        {
            // schema.org has no "next review" property; expires is when this version is no longer to be relied on unreviewed.
            page["expires"] = due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (a.Funding is not null)
        {
            page["funding"] = new JsonObject { ["@type"] = "Grant", ["description"] = a.Funding };
        }
    }
}
