using KetamineContent.Api.Content;

namespace KetamineContent.Api.Import;

/// <summary>The shapes a reader hands to the mapper: headings, paragraphs, lists, tables and quotes, as Markdown.</summary>
public enum BlockKind
{
    Heading,
    Paragraph,
    List,
    Table,
    Quote,
}

/// <summary>
/// One block of the source. <c>Level</c> is 1..6 for a heading marked as such (Markdown #, HTML h1..h6, a Word heading
/// style) and 0 for one inferred from its shape (a short standalone line, a bold short paragraph). <c>Cites</c> are
/// 1-based positions in the document's references.
/// </summary>
public sealed record SourceBlock(BlockKind Kind, string Markdown, int Level = 0, IReadOnlyList<int>? Cites = null)
{
    public static SourceBlock Heading(string text, int level) => new(BlockKind.Heading, text, level);

    public static SourceBlock Paragraph(string markdown, IReadOnlyList<int>? cites = null) => new(BlockKind.Paragraph, markdown, 0, cites);
}

/// <summary>An image of the source, listed in the report (it is not stored).</summary>
public sealed record ImportedImage(string Source, string? Alt);

/// <summary>What a reader found: the blocks in order, the lines it dropped (verbatim), images, references from citations.</summary>
public sealed record SourceDocument(
    IReadOnlyList<SourceBlock> Blocks,
    IReadOnlyList<DroppedLine> DroppedLines,
    IReadOnlyList<ImportedImage> Images,
    IReadOnlyList<ReferenceContent> References,
    string? DocumentTitle = null);
