using System.Text;

namespace KetamineContent.Tests.Import;

/// <summary>Well-formed documents of hostile structure, built in test code: the reproductions of the import's depth and size faults.</summary>
public static class HostileDocuments
{
    /// <summary>A .docx (about 2 KB packed) whose one paragraph nests <paramref name="depth"/> w:smartTag elements.</summary>
    public static byte[] NestedSmartTags(int depth)
    {
        var body = new StringBuilder("<w:p>");
        body.Insert(body.Length, "<w:smartTag>", depth);
        body.Append("<w:r><w:t>Ketamine is given in a clinic.</w:t></w:r>");
        body.Insert(body.Length, "</w:smartTag>", depth);
        return WordPackage.Build(body.Append("</w:p>").ToString());
    }

    /// <summary>An HTML page of <paramref name="count"/> unclosed &lt;div&gt; (190,000 make 950 KB).</summary>
    public static string UnclosedDivs(int count) =>
        "<!doctype html><html><head><title>Ketamine</title></head><body><p>Ketamine is given in a clinic.</p>" + new StringBuilder().Insert(0, "<div>", count) + "</body></html>";

    /// <summary>Markdown nested <paramref name="depth"/> block quotes deep (Markdig's limit is about 128).</summary>
    public static string DeepQuotes(int depth) => new string('>', depth) + " Ketamine is given in a clinic.";
}
