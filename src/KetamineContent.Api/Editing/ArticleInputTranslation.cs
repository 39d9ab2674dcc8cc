using System.ComponentModel;

namespace KetamineContent.Api.Editing;

/// <summary>The translation an article is created as: the id of the article it translates (on create only).</summary>
public sealed partial record ArticleInput
{
    [Description("On create: the id of the article this one translates. The new article joins that article's translation group, so " +
                 "?locale= and Accept-Language on either slug find it; 422 when no article has this id, 409 when the group already has this locale. " +
                 "Ignored on revisions (the group is fixed at creation).")]
    public Guid? TranslationOf { get; init; }
}
