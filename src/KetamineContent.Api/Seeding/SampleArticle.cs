using KetamineContent.Api.Content;

namespace KetamineContent.Api.Seeding;

/// <summary>One sample article as seeded: fixed id (so seeding twice changes nothing), metadata and content.</summary>
public sealed record SampleArticle(Guid Id, string Slug, string Topic, IReadOnlyList<string> Tags, ArticleContent Content)
{
    /// <summary>Codes of what the article is about beyond its topic (its article_code rows).</summary>
    public IReadOnlyList<Clinical.CodeDocument> Codes { get; init; } = [];

    public const string Locale = "en";
    public const string Author = "KetamineContent sample content";

    public const string Disclaimer =
        "This article is educational information, not medical advice. Ketamine treatment must only be given " +
        "and supervised by a trained medical professional; talk to a qualified clinician before making any " +
        "decision about treatment.";

    /// <summary>What every sample says about side effects, in the project's words.</summary>
    public const string CommonSideEffects = """
        The effects people notice most often during or shortly after a session are **nausea**, **dizziness**
        and **confusion**. Less often, people experience hallucinations or delusions. The dissociative,
        dreamlike state that many find calm can be unsettling or distressing for others.

        Because of these effects, ketamine is given only by trained medical staff who monitor the person
        throughout the session and until the effects have worn off.
        """;

    public static IReadOnlyList<SampleArticle> All { get; } =
    [
        Samples.AddictionArticle.Create(),
        Samples.CompulsiveEatingArticle.Create() with { Codes = [new(Clinical.CodeSystems.Icd10Cm, "F50.81", "Binge eating disorder")] },
        Samples.DepressionArticle.Create(),
        Samples.AnxietyArticle.Create(),
    ];
}
