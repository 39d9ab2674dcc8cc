using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KetamineContent.Api.Editing;

/// <summary>Related articles of a revision, by slug.</summary>
public sealed partial record ArticleInput
{
    [Description("Slugs of related articles, in order (at most 20). Delivery lists the published ones with title and URL. " +
                 "An entry may also be an object with 'slug', as a revision's content shows it; its other fields are ignored.")]
    public IReadOnlyList<Trust.RelatedSlug>? Related { get; init; }

    [JsonIgnore]
    public IReadOnlyList<string> EffectiveRelated => (Related ?? []).Select(r => r.Slug).ToList();
}
