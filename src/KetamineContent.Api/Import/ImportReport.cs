namespace KetamineContent.Api.Import;

/// <summary>
/// How an imported text was read. <c>TitleSource</c>: <c>query</c> (title=), <c>heading</c> (a title heading or line of
/// the text), <c>fileName</c> (no title line: made of the file's name), <c>document</c> (no title line nor file name: the
/// HTML &lt;title&gt; or the Word document's title property) or <c>none</c> (nothing to take it from: "Untitled article").
/// A title is never a sentence of the text. <c>Summary</c> is the introduction (the first paragraph before any heading),
/// empty when there is none: a paragraph under a heading stays with its heading.
/// </summary>
public sealed record ImportReport(
    string Title,
    string TitleSource,
    string Summary,
    IReadOnlyList<HeadingMapping> Headings,
    IReadOnlyList<ParagraphPlacement> Paragraphs,
    IReadOnlyList<string> MissingRequired,
    IReadOnlyList<DroppedLine> DroppedLines,
    IReadOnlyList<ImportedImage> Images);

/// <summary>
/// A heading of the source: the section kind its words mean (null when none is clear), the runner-up, the words that
/// decided, and for an unmapped heading the section its text went into (with its text: as that section's heading, or as a
/// subheading where the section has one). <c>Generated</c>: not a heading of the source but one the importer gave a
/// section it made (text placed by its words, or a required section left empty), for the editor to confirm.
/// </summary>
public sealed record HeadingMapping(string Heading, string? Kind, string? RunnerUp, IReadOnlyList<string> Words, string? MergedInto, bool Generated = false);

/// <summary>
/// Where a paragraph (or list, table, quote) went. <c>By</c>: <c>heading</c> (the heading above it), <c>words</c> (its own
/// words, or for text under a heading that names no section, the words of that heading and its text, decided), <c>context</c>
/// (no clear words: it follows the text before it), <c>position</c> (introduction before the first heading) or <c>summary</c>
/// (it became the summary; kind is null). <c>words</c>, <c>context</c> and <c>position</c> are suggestions for the editor
/// to confirm; each paragraph (not each sentence) is placed once, and sections follow the order the text first speaks of them.
/// </summary>
public sealed record ParagraphPlacement(string Excerpt, string? Kind, string By, string? RunnerUp, IReadOnlyList<string> Words);
