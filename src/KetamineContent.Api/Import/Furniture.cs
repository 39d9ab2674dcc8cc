using System.Text.RegularExpressions;

namespace KetamineContent.Api.Import;

/// <summary>A line the importer left out of the draft, verbatim, and why.</summary>
public sealed record DroppedLine(string Line, string Reason);

/// <summary>
/// Page furniture by its shape: short standalone lines of narrow shapes (a postal address, a phone or fax line, copyright,
/// "follow us", share buttons, a cookie notice), and the short name lines of an address block. Anything else, including
/// numbers inside sentences, dose and year ranges and a crisis line in a sentence, is content.
/// </summary>
public static partial class Furniture
{
    public const string PostalAddress = "postal address";

    public const string AddressBlock = "address block (a name line beside a postal address)";

    /// <summary>Why a line is furniture on its own, or null when it is content.</summary>
    public static string? Reason(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var l = line.Trim();
        var words = l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (l.Length == 0 || l.Length > 160 || words > 25)
        {
            return null;
        }

        return Copyright().IsMatch(l) ? "copyright line"
            : words <= 12 && FollowUs().IsMatch(l) ? "social media links"
            : words <= 12 && Share().IsMatch(l) ? "share buttons"
            : words <= 12 && (Street().IsMatch(l) || ZipCode().IsMatch(l) || UkPostcode().IsMatch(l)) ? PostalAddress
            : PhoneLine().IsMatch(l) || BareNumber().IsMatch(l) && l.Count(char.IsAsciiDigit) >= 9 ? "phone or fax line"
            : Cookie().IsMatch(l) ? "cookie notice"
            : null;
    }

    public static bool Is(string line) => Reason(line) is not null;

    /// <summary>
    /// The lines of one block (no blank line between them) without their furniture, which is added to
    /// <paramref name="dropped"/> in order (as <paramref name="shown"/> gives each line). Next to a postal address line,
    /// up to two short name lines before it and after it go too (the clinic's name, a building, a city): lines of at most
    /// six words that end without punctuation, carry no dose and whose words name no section.
    /// </summary>
    public static List<string> Sift(IReadOnlyList<string> lines, List<DroppedLine> dropped, Func<string, string> shown)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(dropped);
        ArgumentNullException.ThrowIfNull(shown);
        var reasons = lines.Select(l => Reason(shown(l))).ToArray();
        for (var i = 0; i < lines.Count; i++)
        {
            if (reasons[i] != PostalAddress)
            {
                continue;
            }

            foreach (var step in new[] { -1, 1 })
            {
                for (int j = i + step, names = 0; j >= 0 && j < lines.Count && names < 2; j += step)
                {
                    if (reasons[j] is not null)
                    {
                        continue;
                    }

                    if (!NameLine(shown(lines[j])))
                    {
                        break;
                    }

                    reasons[j] = AddressBlock;
                    names++;
                }
            }
        }

        var kept = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (reasons[i] is { } reason)
            {
                dropped.Add(new DroppedLine(shown(lines[i]).Trim(), reason));
            }
            else
            {
                kept.Add(lines[i]);
            }
        }

        return kept;
    }

    /// <summary>A paragraph of an HTML or Word reader without its furniture lines (one line per line break), or null when nothing is left.</summary>
    public static SourceBlock? Sift(SourceBlock block, List<DroppedLine> dropped)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Kind != BlockKind.Paragraph)
        {
            return block;
        }

        var lines = block.Markdown.Split('\n');
        var kept = Sift(lines, dropped, Shapes.Plain);
        return kept.Count == lines.Length ? block : kept.Count == 0 ? null : block with { Markdown = string.Join('\n', kept).Trim() };
    }

    private static bool NameLine(string line)
    {
        var l = line.Trim();
        return l.Length is > 0 and <= 60 && l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 6 && l.Any(char.IsLetter)
               && !".!?;:,".Contains(l[^1], StringComparison.Ordinal) && !Dose().IsMatch(l) && Meaning.Score(l).Decided is null;
    }

    [GeneratedRegex(@"^(©|\(c\)\s*\d{4}|copyright\b)|all rights reserved|\s©\s*(\d{4}|\p{Lu})", RegexOptions.IgnoreCase)]
    private static partial Regex Copyright();

    [GeneratedRegex(@"^(follow us|find us on|connect with us)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FollowUs();

    [GeneratedRegex(@"^(share( this( article| page| post)?)?( on [\w ]+)?:?|share:.*|(facebook|twitter|x|linkedin|email|e-mail|whatsapp|pinterest|print)(\s*[|·•,]?\s*(facebook|twitter|x|linkedin|email|e-mail|whatsapp|pinterest|print))+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Share();

    /// <summary>A house number, up to four capitalised words and a street word: "123 Main Street, Springfield", "Harbour House, 12 Quay Lane".</summary>
    [GeneratedRegex(@"(^|[\s,])\d{1,5}[a-z]?\s+(\p{Lu}[\w.'-]*\s+){0,4}(?i:street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|way|place|pl|court|ct|square|sq|suite|parkway|pkwy|quay|terrace|crescent|highway|hwy)\b\.?(,.*)?$")]
    private static partial Regex Street();

    /// <summary>A town, a state and a ZIP code: "Springfield, IL 62704".</summary>
    [GeneratedRegex(@"^\p{Lu}[\p{L} .'-]*,\s*\p{Lu}{2}\s+\d{5}(-\d{4})?$")]
    private static partial Regex ZipCode();

    /// <summary>A town and a UK postcode: "Portsmouth PO1 3AA".</summary>
    [GeneratedRegex(@"^(\p{Lu}[\p{L}.'-]*[\s,]+){0,3}\p{Lu}{1,2}\d[\p{Lu}\d]?\s+\d\p{Lu}{2}$")]
    private static partial Regex UkPostcode();

    /// <summary>"Phone: +1 555 010 0199", "Tel. 555-0100 | Fax 555-0101", "Call us on 555 010 0199".</summary>
    [GeneratedRegex(@"^(phone|telephone|tel|fax|mobile|call us|call|contact us)\b[^a-z]{0,4}(on|at)?\s*\+?[\d\s().\-/]{7,}\d(\s*(\||·|,|;)?\s*(fax|phone|tel|mobile|e-?mail)\b.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex PhoneLine();

    /// <summary>A line that is nothing but a phone number (nine digits or more, so year and dose ranges are not).</summary>
    [GeneratedRegex(@"^\+?[\d\s().\-]{9,}$")]
    private static partial Regex BareNumber();

    [GeneratedRegex(@"\d\s*(mg|mcg|µg|ml|g|kg|%)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Dose();

    [GeneratedRegex(@"\bcookies?\b.*\b(we use|this (web)?site|our (web)?site|accept|consent|privacy|preferences|settings|policy)\b|\b(we use|this (web)?site uses)\b.*\bcookies?\b", RegexOptions.IgnoreCase)]
    private static partial Regex Cookie();
}
