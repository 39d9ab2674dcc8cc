using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace KetamineContent.Api.Import;

/// <summary>
/// Word's text boxes (w:txbxContent, in a w:drawing or a VML w:pict, one branch of mc:AlternateContent): read as
/// blocks of their own after the paragraph that anchors them.
/// </summary>
public static partial class WordSource
{
    private sealed partial class Reader
    {
        private const string WordMain = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

        /// <summary>Text boxes found while reading a paragraph, read as blocks of their own after it (<see cref="ReadBoxes"/>).</summary>
        private readonly Queue<OpenXmlElement> _boxes = new();

        /// <summary>Reads the queued text boxes' blocks, and the boxes those hold, in turn (a queue, not recursion).</summary>
        public void ReadBoxes(CancellationToken ct)
        {
            if (_boxes.Count > 0)
            {
                FlushList();
            }

            while (_boxes.TryDequeue(out var box))
            {
                ct.ThrowIfCancellationRequested();
                foreach (var element in box.Elements())
                {
                    Block(element);
                }

                FlushList();
            }
        }

        /// <summary>Queues the outermost w:txbxContent elements under <paramref name="from"/> (nested ones are read with their box).</summary>
        private void QueueBoxes(OpenXmlElement from)
        {
            var stack = new Stack<OpenXmlElement>([from]);
            while (stack.TryPop(out var e))
            {
                if (e is TextBoxContent || (e.LocalName == "txbxContent" && e.NamespaceUri == WordMain))
                {
                    _boxes.Enqueue(e);
                    continue;
                }

                foreach (var child in e.ChildElements)
                {
                    stack.Push(child);
                }
            }
        }

        private void Drawing(OpenXmlElement d)
        {
            var props = d.Descendants().FirstOrDefault(e => e.LocalName == "docPr");
            Images.Add(new ImportedImage(props?.GetAttribute("name", "").Value ?? "image", props?.GetAttributes().FirstOrDefault(a => a.LocalName == "descr").Value));
            QueueBoxes(d);
        }
    }
}
