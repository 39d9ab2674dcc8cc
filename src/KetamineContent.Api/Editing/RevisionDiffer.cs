using KetamineContent.Api.Delivery;

namespace KetamineContent.Api.Editing;

/// <summary>What changed from one revision to another: metadata fields, and per section kind added, removed or changed.</summary>
public static class RevisionDiffer
{
    public static RevisionDiff Compare(int fromNumber, ArticleDocument from, int toNumber, ArticleDocument to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var fields = new List<FieldChange>();
        void Field(string name, string? a, string? b)
        {
            if (!string.Equals(a, b, StringComparison.Ordinal))
            {
                fields.Add(new FieldChange(name, a, b));
            }
        }

        Field("title", from.Title, to.Title);
        Field("summary", from.Summary, to.Summary);
        Field("disclaimer", from.Disclaimer, to.Disclaimer);
        Field("topic", from.Topic, to.Topic);
        Field("tags", string.Join(", ", from.Tags), string.Join(", ", to.Tags));
        Field("references", string.Join("\n", from.References.Select(Describe)), string.Join("\n", to.References.Select(Describe)));

        var before = from.Sections.ToDictionary(s => s.Kind, StringComparer.Ordinal);
        var after = to.Sections.ToDictionary(s => s.Kind, StringComparer.Ordinal);
        var sections = new List<SectionChange>();
        foreach (var kind in Content.SectionKinds.All)
        {
            var had = before.TryGetValue(kind, out var a);
            var has = after.TryGetValue(kind, out var b);
            if (had && !has)
            {
                sections.Add(new SectionChange(kind, "removed", a!.Heading, null, LineDiff.Between(a.Body, "")));
            }
            else if (!had && has)
            {
                sections.Add(new SectionChange(kind, "added", null, b!.Heading, LineDiff.Between("", b.Body)));
            }
            else if (had && has && (a!.Heading != b!.Heading || a.Body != b.Body || !a.Cites.SequenceEqual(b.Cites)))
            {
                sections.Add(new SectionChange(kind, "changed", a.Heading, b.Heading, a.Body == b.Body ? [] : LineDiff.Between(a.Body, b.Body)));
            }
        }

        return new RevisionDiff(fromNumber, toNumber, fields, sections);
    }

    private static string Describe(ReferenceDocument r) => $"[{r.Number}] {r.Id}: {Trust.AmaStyle.Text(r)} pmid:{r.PubmedId} <{r.Url}>";
}
