namespace KetamineContent.Api.Clinical;

/// <summary>An input carrying a list of codes (validated by <see cref="CodeRules"/>).</summary>
public interface ICodedInput
{
    IReadOnlyList<CodeDocument>? Codes { get; }
}

/// <summary>PUT /v1/manage/topics/{slug}/codes: the topic's codes, in order (replaces them all).</summary>
public sealed record TopicCodesInput(IReadOnlyList<CodeDocument>? Codes) : ICodedInput;

/// <summary>A topic's codes and the version its ETag names.</summary>
public sealed record TopicCodesView(string Topic, string Name, IReadOnlyList<CodeDocument> Codes, int Version);

/// <summary>
/// PUT /v1/manage/articles/{id}/clinical: what the article is about beyond its topic (medications by RxNorm, a narrower
/// condition), and the funding and conflicts of interest it declares (null: none declared). Replaces them all.
/// </summary>
public sealed record ArticleClinicalInput(IReadOnlyList<CodeDocument>? Codes, string? Funding, string? ConflictsOfInterest) : ICodedInput;

/// <summary>An article's clinical declarations; version 0 until they are first set.</summary>
public sealed record ArticleClinicalView(Guid ArticleId, IReadOnlyList<CodeDocument> Codes, string? Funding, string? ConflictsOfInterest, int Version);

/// <summary>The funding and conflicts of interest an article declares, as readers get them (null: none declared).</summary>
public sealed record DisclosureDocument(string? Funding, string? ConflictsOfInterest);
