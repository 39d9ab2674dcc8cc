using System.IO.Compression;
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
        return Docx(body.Append("</w:p>").ToString());
    }

    /// <summary>A minimal Word package around a w:body's inner XML.</summary>
    public static byte[] Docx(string bodyXml)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
                """);
            Entry(zip, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
                """);
            Entry(zip, "word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                                            + bodyXml + "</w:body></w:document>");
        }

        return output.ToArray();
    }

    /// <summary>An HTML page of <paramref name="count"/> unclosed &lt;div&gt; (190,000 make 950 KB).</summary>
    public static string UnclosedDivs(int count) =>
        "<!doctype html><html><head><title>Ketamine</title></head><body><p>Ketamine is given in a clinic.</p>" + new StringBuilder().Insert(0, "<div>", count) + "</body></html>";

    /// <summary>Markdown nested <paramref name="depth"/> block quotes deep (Markdig's limit is about 128).</summary>
    public static string DeepQuotes(int depth) => new string('>', depth) + " Ketamine is given in a clinic.";

    private static void Entry(ZipArchive zip, string name, string text)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
        stream.Write(Encoding.UTF8.GetBytes(text.Trim()));
    }
}
