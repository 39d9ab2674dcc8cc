namespace KetamineContent.Api.EditorialConsole;

/// <summary>
/// After a 412: the editor's edits reapplied on top of the revision someone else saved in between (a three-way
/// merge against the revision the edit started from). A field the editor did not touch takes their value; a
/// field both changed keeps the editor's and is named, so the editor can check it before saving again.
/// </summary>
public static class EditorRebase
{
    public static IReadOnlyList<string> Apply(EditorForm mine, EditorForm start, EditorForm theirs)
    {
        ArgumentNullException.ThrowIfNull(mine);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(theirs);
        var both = new List<string>();
        mine.Title = Merge("title", mine.Title, start.Title, theirs.Title, both);
        mine.Topic = Merge("topic", mine.Topic, start.Topic, theirs.Topic, both);
        mine.Tags = Merge("tags", mine.Tags, start.Tags, theirs.Tags, both);
        mine.Summary = Merge("summary", mine.Summary, start.Summary, theirs.Summary, both);
        mine.Disclaimer = Merge("disclaimer", mine.Disclaimer, start.Disclaimer, theirs.Disclaimer, both);
        mine.Related = Merge("related", mine.Related, start.Related, theirs.Related, both);

        var sections = new List<SectionForm>();
        foreach (var their in theirs.Sections)
        {
            var mineNow = mine.Sections.FirstOrDefault(s => s.Kind == their.Kind);
            var atStart = start.Sections.FirstOrDefault(s => s.Kind == their.Kind);
            if (atStart is not null && mineNow is null)
            {
                continue; // I removed it.
            }

            if (mineNow is null || atStart is null || Same(mineNow, atStart))
            {
                sections.Add(their);
                continue;
            }

            if (!Same(their, atStart))
            {
                both.Add($"section {their.Kind}");
            }

            sections.Add(mineNow);
        }

        sections.AddRange(mine.Sections.Where(s => start.Sections.All(b => b.Kind != s.Kind) && sections.All(x => x.Kind != s.Kind)));
        mine.Sections = sections;

        var myRefs = Key(mine.References);
        if (myRefs == Key(start.References))
        {
            mine.References = theirs.References;
        }
        else if (Key(theirs.References) != Key(start.References))
        {
            both.Add("references");
        }

        return both;
    }

    private static string Merge(string name, string mine, string start, string theirs, List<string> both)
    {
        if (mine == start)
        {
            return theirs;
        }

        if (theirs != start && theirs != mine)
        {
            both.Add(name);
        }

        return mine;
    }

    private static bool Same(SectionForm a, SectionForm b) =>
        a.Heading == b.Heading && Normal(a.Body) == Normal(b.Body) && (a.Cites ?? "") == (b.Cites ?? "");

    private static string Normal(string? text) => (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string Key(List<ReferenceForm> references) =>
        string.Join("\n", references.Select(r => string.Join("|", r.Id, r.Authors, r.Title, r.Journal, r.Publisher, r.Year, r.Volume, r.Issue, r.Pages, r.Doi, r.PubmedId, r.Url, r.Accessed)));
}
