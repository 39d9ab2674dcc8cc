namespace KetamineContent.Api.Import;

/// <summary>
/// How an imported text was read. <c>TitleSource</c>: <c>query</c> (title=), <c>heading</c> (a title heading or line of
/// the text), <c>document</c> (the HTML &lt;title&gt; or the Word document's title property) or <c>firstSentence</c>.
/// </summary>
public sealed record ImportReport(
    string Title,
    string TitleSource,
    string Summary,
    IReadOnlyList<HeadingMapping> Headings,
    IReadOnlyList<ParagraphPlacement> Paragraphs,
    IReadOnlyList<string> MissingRequired,
    IReadOnlyList<string> DroppedLines,
    IReadOnlyList<ImportedImage> Images);

/// <summary>
/// A heading of the source: the section kind its words mean (null when none is clear), the runner-up, the words that
/// decided, and for an unmapped heading the section its text went into (as a subheading).
/// </summary>
public sealed record HeadingMapping(string Heading, string? Kind, string? RunnerUp, IReadOnlyList<string> Words, string? MergedInto);

/// <summary>
/// Where a paragraph (or list, table, quote) went. <c>By</c>: <c>heading</c> (the heading above it), <c>words</c> (its own
/// words decided), <c>context</c> (no clear words: it follows the text before it), <c>position</c> (introduction before the
/// first heading) or <c>summary</c> (it became the summary; kind is null).
/// </summary>
public sealed record ParagraphPlacement(string Excerpt, string? Kind, string By, string? RunnerUp, IReadOnlyList<string> Words);
