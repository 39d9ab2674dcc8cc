using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Import;

/// <summary>
/// Every article of the corpus (Import/Corpus) imports with its expected mapping: title, where its sections' text went,
/// which headings mapped to what, what was dropped and which required sections are reported missing; and, on every
/// import, no word of the input is lost. HTML and Word files are made from the Markdown by pandoc.
/// </summary>
public sealed class CorpusTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static readonly string Folder = Path.Combine(Repo.Root, "tests", "KetamineContent.Tests", "Import", "Corpus");

    /// <summary>One corpus article: file, format to import it as, topic, and what the import must find.</summary>
    public sealed record Case(
        string File, string As, string Topic, string Title, string[] Missing, (string Phrase, string Kind)[] Placed,
        (string Heading, string Kind)[] Headings, string[] Dropped, string[]? Order = null, string? TitleSource = null, string? Summary = null,
        (string Line, string Reason)[]? Reasons = null)
    {
        public override string ToString() => $"{File} as {As}";
    }

    private static readonly string[] None = [];

    /// <summary>What page.html5 puts around every HTML file of the corpus: dropped by its position in the page.</summary>
    private static readonly string[] PageFurniture =
        ["Example Ketamine Clinic", "Home", "Treatments", "Contact", "We use cookies to understand how visitors use this site.", "Accept", "Decline",
         "© 2026 Example Ketamine Clinic", "123 Harbour Street, Springfield"];

    public static readonly Case[] Cases =
    [
        new("01-depression-web-copy.txt", "text", "depression", "Ketamine for Depression and the Risk of Dependence", None,
            [("treatment-resistant depression", "overview"), ("NMDA receptor", "mechanism"), ("AMPA and sigma", "mechanism"), ("dreamlike", "what_to_expect"),
             ("Nausea, dizziness", "side_effects"), ("every medicine you take", "side_effects"), ("Tolerance can build", "risks"), ("long-term effects", "risks")],
            [("Why Ketamine Works Differently", "-> mechanism"), ("Ketamine for Depression: The First Session", "what_to_expect"),
             ("Is it safe alongside my other medicines?", "side_effects"), ("Can Ketamine Become a Habit?", "risks")], None),
        new("02-anxiety-no-headings.txt", "text", "anxiety", "Ketamine for Anxiety", None,
            [("NMDA receptor", "mechanism"), ("intranasal spray", "what_to_expect"), ("dreamlike state", "what_to_expect"), ("distressing", "side_effects"),
             ("social anxiety disorder", "evidence"), ("benzodiazepines", "alternatives"), ("talk to your doctor", "conclusion")], [], None),
        new("03-addiction-questions.txt", "text", "addiction", "Ketamine for Addiction", None,
            [("reward and reinforcement", "mechanism"), ("intravenous infusion", "what_to_expect"), ("alcohol use disorder", "evidence"),
             ("hallucinations and delusions", "side_effects"), ("motivational interviewing", "alternatives")],
            [("How does ketamine work in the brain?", "mechanism"), ("What happens during a session?", "what_to_expect"), ("Does it reduce cravings?", "-> evidence"),
             ("What are the side effects?", "side_effects"), ("What else can help?", "-> alternatives")], None),
        new("04-eating-intro-before-title.txt", "text", "addiction", "Ketamine and Compulsive Eating", None,
            [("patient series", "overview"), ("reset harmful patterns", "mechanism"), ("new perspective", "what_to_expect"), ("therapy stays essential", "what_to_expect"),
             ("unpleasant", "side_effects"), ("Schedule III", "risks")],
            [("How It Works", "mechanism"), ("What to Expect", "what_to_expect"), ("Side Effects", "side_effects"), ("A Controlled Substance", "risks")], None),
        new("05-clinic-page-furniture.txt", "text", "depression", "Ketamine Treatment for Depression", None,
            [("0.5 - 1.0 mg/kg", "what_to_expect"), ("call or text 988", "what_to_expect"), ("blood pressure", "side_effects"),
             ("2019 - 2021, 120 of 200 patients (60%)", "evidence"), ("NMDA receptor", "mechanism")],
            [("How It Works", "mechanism"), ("What to Expect", "what_to_expect"), ("Side Effects", "side_effects"), ("The Evidence in Numbers", "evidence")],
            ["Share this article", "© 2026 Example Ketamine Clinic. All rights reserved.", "123 Harbour Street, Springfield", "Phone: +1 555 010 0199",
             "Fax: +1 555 010 0198", "Follow us on Facebook and Instagram", "We use cookies to improve your experience. Accept all cookies"]),
        new("06-addiction.md", "markdown", "addiction", "Ketamine for Addiction", None,
            [("**mTOR**", "mechanism"), ("### Our clinic team\n\nEvery session is led by trained medical professionals.", "mechanism"),
             ("- Reduced cravings", "what_to_expect"), ("mental-health professional", "side_effects"), ("*motivational interviewing*", "alternatives"),
             ("supervised plan", "conclusion")],
            [("How it works", "mechanism"), ("Our clinic team", "-> mechanism"), ("What to expect", "what_to_expect"), ("Side effects", "side_effects"),
             ("Other treatments", "alternatives"), ("Conclusion", "conclusion")], None),
        new("07-anxiety-page.md", "html", "anxiety", "Ketamine for Anxiety", None,
            [("**sweating**", "overview"), ("*brain-derived neurotrophic factor*", "mechanism"), ("| Tablet | within minutes | up to about an hour |", "what_to_expect"),
             ("[our guide to sessions](https://example.org/guides/sessions)", "what_to_expect"), ("- Nausea\n- Dizziness\n- Confusion", "side_effects"),
             ("social anxiety disorder", "evidence")],
            [("What is anxiety?", "overview"), ("How ketamine works", "mechanism"), ("What to expect", "what_to_expect"), ("Side effects", "side_effects"),
             ("What the studies say", "evidence")],
            ["Example Ketamine Clinic", "Home", "Treatments", "Contact", "We use cookies to understand how visitors use this site.", "Accept", "Decline",
             "© 2026 Example Ketamine Clinic", "123 Harbour Street, Springfield"]),
        new("08-dependence-word.md", "docx", "depression", "Ketamine and the Risk of Dependence", None,
            [("*neuroplasticity*.[^ref-1]", "mechanism"), ("1. A trained professional gives the dose", "what_to_expect"), ("3. Courses run", "what_to_expect"),
             ("[our side effects guide](https://example.org/guides/side-effects)", "side_effects"), ("**Tolerance**", "risks"),
             ("heavy use. (In supervised clinical use ketamine is not considered physically addictive.)", "risks"), ("cravings.[^ref-2]", "risks"),
             ("### Getting help\n\nTherapy, support groups", "risks")],
            [("How it works", "mechanism"), ("What to expect", "what_to_expect"), ("Side effects", "side_effects"), ("Risks", "risks"), ("Getting help", "-> risks")], None),
        new("09-addiction-bold-word.md", "docx", "addiction", "Ketamine for Addiction: A Short Guide", None,
            [("mTOR-driven growth", "mechanism"), ("intravenous infusion", "what_to_expect"), ("distressing", "side_effects"), ("Methadone and buprenorphine", "alternatives")],
            [("How it works", "mechanism"), ("What to expect", "what_to_expect"), ("Side effects", "side_effects"), ("Other treatments", "alternatives")], None),
        new("10-preparing-no-mechanism.txt", "text", "depression", "Preparing for a Ketamine Session", ["mechanism"],
            [("checks how you are doing", "what_to_expect"), ("maintenance sessions", "what_to_expect"), ("take you home", "side_effects")],
            [("What to Expect", "what_to_expect"), ("Side Effects", "side_effects")], None),
        new("11-depression-wrapped.txt", "text", "depression", "Ketamine and Depression", None,
            [("promotes new connections between neurons", "mechanism"), ("intranasal spray or\nlozenges", "what_to_expect"), ("hallucinations and delusions are\nrare", "side_effects"),
             ("psychological reliance", "risks")],
            [("Mechanism of action", "mechanism"), ("The treatment process", "what_to_expect"), ("Side effects", "side_effects"), ("Risk of dependence", "risks")], None),
        new("12-anxiety-colon-headings.txt", "text", "anxiety", "Ketamine and Anxiety Explained", None,
            [("GABA release", "mechanism"), ("dreamlike state is common", "what_to_expect"), ("rarely hallucinations", "side_effects"), ("exposure therapy", "alternatives")],
            [("Ketamine and the Brain: How It Works", "mechanism"), ("Ketamine for Anxiety: What a Session Is Like", "what_to_expect"),
             ("Ketamine Safety: Side Effects to Know", "side_effects"), ("Ketamine and Other Options: Therapy and Medicines", "alternatives")], None),
        new("13-depression-no-headings.txt", "text", "depression", "Ketamine for Depression", None,
            [("form new connections.\nIt also raises brain-derived", "mechanism"), ("within minutes.\nA dreamlike state", "what_to_expect"),
             ("dizzy or confused afterwards.\nRarely there are hallucinations, and the dissociative and hallucinogenic effects", "side_effects"),
             ("tolerance can build and higher doses are needed.\nPsychological reliance", "risks")],
            [], None, Order: ["mechanism", "what_to_expect", "side_effects", "risks"], TitleSource: "heading",
            Summary: "Ketamine can lift symptoms within hours, where classic antidepressants often take weeks or months. That speed can matter during a severe episode. It also helps some people whose depression has not responded to other treatment."),
        new("14-ketamine-for-anxiety.md", "docx", "anxiety", "Ketamine for anxiety", None,
            [("surge of glutamate", "mechanism"), ("intranasal spray. The effect starts", "what_to_expect"), ("distressing", "side_effects")],
            [("How it works", "mechanism"), ("What to expect", "what_to_expect"), ("Side effects", "side_effects")], None,
            Order: ["mechanism", "what_to_expect", "side_effects"], TitleSource: "fileName", Summary: "Anxiety is more than worry"),
        new("15-eating-heading-paragraphs.md", "html", "addiction", "Ketamine and Compulsive Eating", None,
            [("Compulsive eating can be seen", "overview"), ("reset harmful patterns", "mechanism"),
             ("Its rapid antidepressant effect", "mechanism"), ("shift in their emotional state", "what_to_expect"), ("therapy stays essential", "what_to_expect"),
             ("unpleasant", "side_effects"), ("Schedule III", "risks")],
            [("A behavioural addiction", "-> overview"), ("Resetting old patterns", "-> mechanism"), ("A change of view", "-> what_to_expect"),
             ("Possible discomfort", "-> side_effects"), ("A controlled medicine", "-> risks")], PageFurniture,
            Order: ["overview", "mechanism", "what_to_expect", "side_effects", "risks"], Summary: ""),
        new("16-clinic-contact-furniture.md", "html", "depression", "Ketamine Infusions at Our Clinic", None,
            [("0.5 mg/kg over 40 minutes", "what_to_expect"), ("maintenance sessions", "what_to_expect"), ("staff monitor you", "side_effects"),
             ("NMDA receptor", "mechanism")],
            [("What to expect", "what_to_expect"), ("Side effects", "side_effects"), ("How it works", "mechanism")],
            [.. PageFurniture, "Example Ketamine Clinic", "45 Elm Road", "Springfield, IL 62704", "Call us: (555) 010-0199",
             "Tel. +44 20 7946 0000 · Fax +44 20 7946 0001", "Copyright 2026 Example Ketamine Clinic", "Harbour House, 12 Quay Lane", "Portsmouth PO1 3AA"],
            Order: ["what_to_expect", "side_effects", "mechanism"],
            Reasons: [("Example Ketamine Clinic", "address"), ("45 Elm Road", "address"), ("Springfield, IL 62704", "address"), ("Call us: (555) 010-0199", "phone"),
                      ("Tel. +44 20 7946 0000 · Fax +44 20 7946 0001", "phone"), ("Copyright 2026 Example Ketamine Clinic", "copyright"),
                      ("Harbour House, 12 Quay Lane", "address"), ("Portsmouth PO1 3AA", "address")]),
        new("17-risks-before-benefits.md", "docx", "depression", "Ketamine and the Risk of Dependence", None,
            [("tolerance can build", "risks"), ("insomnia and cravings", "risks"), ("treatment-resistant depression", "what_to_expect"), ("BDNF", "mechanism"),
             ("delusions are rare", "side_effects")],
            [("Risks", "risks"), ("Benefits", "what_to_expect"), ("How it works", "mechanism"), ("Side effects", "side_effects")], None,
            Order: ["risks", "what_to_expect", "mechanism", "side_effects"]),
    ];



    public static TheoryData<string> Names => [.. Cases.Select(c => c.File)];

    /// <summary>The corpus file as the format the case imports it in (HTML and Word made by pandoc from the Markdown).</summary>
    public static async Task<ImportSource> SourceAsync(string file, string format)
    {
        var path = Path.Combine(Folder, file);
        var output = Path.Combine(Directory.CreateTempSubdirectory("kc-corpus").FullName, Path.ChangeExtension(file, format == "docx" ? ".docx" : ".html"));
        return format switch
        {
            "text" => new ImportSource(await File.ReadAllBytesAsync(path), "text/plain", file),
            "markdown" => new ImportSource(await File.ReadAllBytesAsync(path), "text/markdown", file),
            "html" => new ImportSource(await Pandoc.ConvertAsync(path, output, "--standalone", "--template=" + Path.Combine(Folder, "page.html5"),
                "--metadata=pagetitle:Example Ketamine Clinic"), "text/html", Path.GetFileName(output)),
            _ => new ImportSource(await Pandoc.ConvertAsync(path, output), ImportSource.Docx, Path.GetFileName(output)),
        };
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task EveryCorpusArticleImportsWithItsExpectedMappingAndNoWordLost(string file)
    {
        var expected = Cases.Single(c => c.File == file);
        var imported = await ImportCheck.ImportAsync(api, await SourceAsync(file, expected.As), expected.Topic);

        Assert.Equal(expected.Title, imported.Title);
        Assert.Equal(expected.Missing, imported.Missing);
        var sections = imported.Sections;
        foreach (var (phrase, kind) in expected.Placed)
        {
            Assert.True(sections.TryGetValue(kind, out var body) && body.Contains(phrase, StringComparison.Ordinal),
                $"'{phrase}' should be in {kind}; sections: {string.Join(" | ", sections.Select(s => s.Key + ": " + s.Value))}");
        }

        foreach (var required in new[] { "mechanism", "what_to_expect", "side_effects" }.Except(expected.Missing))
        {
            Assert.True(sections.ContainsKey(required), $"{required} should have been found");
        }

        var headings = imported.Headings;
        Assert.Equal(expected.Headings.Select(h => $"{h.Heading} => {h.Kind}"), headings.Select(h => $"{h.Key} => {h.Value}"));
        Assert.Equal(expected.Dropped, imported.Dropped);
        var dropped = ImportCheck.DroppedOf(imported.Report);
        Assert.All(dropped, d => Assert.False(string.IsNullOrWhiteSpace(d.Reason), $"'{d.Line}' was dropped without a reason"));
        foreach (var (line, reason) in expected.Reasons ?? [])
        {
            Assert.Contains(dropped, d => d.Line == line && d.Reason!.Contains(reason, StringComparison.Ordinal));
        }

        // The title is never a long sentence; with no title line it comes from the file name, and the report says so.
        Assert.True(imported.Title.Length <= 100, imported.Title);
        if (expected.TitleSource is { } titleSource)
        {
            Assert.Equal(titleSource, imported.Report.GetProperty("titleSource").GetString());
        }

        if (expected.Summary is { } summary)
        {
            Assert.StartsWith(summary, imported.Report.GetProperty("summary").GetString(), StringComparison.Ordinal);
            Assert.Equal(summary.Length == 0, imported.Report.GetProperty("summary").GetString()!.Length == 0);
        }

        // The author's order of sections, where the case states it.
        if (expected.Order is { } order)
        {
            Assert.Equal(order, imported.Order);
        }

        AssertEveryHeadingKeepsItsText(imported);

        // Every paragraph is reported with the kind chosen, how, the runner-up and the deciding words.
        foreach (var p in imported.Report.GetProperty("paragraphs").EnumerateArray())
        {
            var by = p.GetProperty("by").GetString();
            Assert.Contains(by, new[] { "heading", "words", "context", "position", "summary" });
            if (by == "words")
            {
                Assert.NotEmpty(p.GetProperty("words").EnumerateArray());
            }
        }
    }

    /// <summary>
    /// Every heading of the source is in the draft with text under it: as a section's heading over a body that is not
    /// empty, or as a ### subheading followed by a paragraph (never by another heading or the end of the section).
    /// </summary>
    private static void AssertEveryHeadingKeepsItsText(Imported imported)
    {
        var sections = imported.Draft.GetProperty("sections").EnumerateArray()
            .Select(s => (Heading: s.GetProperty("heading").GetString()!, Body: s.GetProperty("body").GetString()!)).ToList();
        foreach (var heading in imported.Headings.Keys)
        {
            var asSection = sections.Any(s => s.Heading == heading && s.Body.Length > 0 && !s.Body.StartsWith("###", StringComparison.Ordinal));
            var asSubheading = sections.Any(s => s.Body.Split("\n\n").Zip(s.Body.Split("\n\n").Skip(1))
                .Any(p => p.First == "### " + heading && !p.Second.StartsWith('#')));
            Assert.True(asSection || asSubheading, $"'{heading}' has no text under it in the draft: {string.Join(" | ", sections)}");
        }
    }

    [Fact]
    public void TheCorpusHoldsAtLeastTwelveArticlesOfEveryShape()
    {
        Assert.True(Cases.Length >= 12);
        Assert.Equal(Cases.Select(c => c.File).Order(StringComparer.Ordinal),
            Directory.GetFiles(Folder).Select(Path.GetFileName).Where(f => f!.EndsWith(".txt", StringComparison.Ordinal) || f.EndsWith(".md", StringComparison.Ordinal))
                .Where(f => f != "README.md").Order(StringComparer.Ordinal));
        Assert.Equal(["docx", "html", "markdown", "text"], Cases.Select(c => c.As).Distinct().Order(StringComparer.Ordinal));
    }
}
