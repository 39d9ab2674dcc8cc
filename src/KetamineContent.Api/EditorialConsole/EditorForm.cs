using System.Globalization;
using KetamineContent.Api.Content;
using KetamineContent.Api.Delivery;
using KetamineContent.Api.Editing;

namespace KetamineContent.Api.EditorialConsole;

/// <summary>The editor's form: an article revision as the browser posts it, turned into the API's <see cref="ArticleInput"/>.</summary>
public sealed class EditorForm
{
    public string Slug { get; set; } = "";
    public string Topic { get; set; } = "";
    public string Locale { get; set; } = "en";
    public string Tags { get; set; } = "";
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public string Disclaimer { get; set; } = "";
    public string ChangeNote { get; set; } = "";

    /// <summary>Slugs of related articles, comma separated.</summary>
    public string Related { get; set; } = "";

    /// <summary>The revision this edit is based on (0 for a new article): sent as If-Match.</summary>
    public int BaseRevision { get; set; }

    public List<SectionForm> Sections { get; set; } = [];
    public List<ReferenceForm> References { get; set; } = [];

    /// <summary>The button pressed: save, add-section, remove:i, up:i, down:i, add-reference, remove-reference:i.</summary>
    public string? Op { get; set; }

    /// <summary>Form binding leaves absent fields null (an article without references posts none): make them empty.</summary>
    public EditorForm Normalize()
    {
        Sections ??= [];
        References ??= [];
        Slug ??= "";
        Topic ??= "";
        Locale ??= "";
        Tags ??= "";
        Title ??= "";
        Summary ??= "";
        Disclaimer ??= "";
        ChangeNote ??= "";
        Related ??= "";
        Sections.RemoveAll(s => s is null);
        References.RemoveAll(r => r is null);
        return this;
    }

    public static EditorForm New() => new()
    {
        Sections = SectionKinds.Required.Select(k => new SectionForm { Kind = k }).ToList(),
    };

    public static EditorForm From(ArticleDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new EditorForm
        {
            Slug = d.Slug,
            Topic = d.Topic,
            Locale = d.Locale,
            Tags = string.Join(", ", d.Tags),
            Title = d.Title,
            Summary = d.Summary,
            Disclaimer = d.Disclaimer,
            BaseRevision = d.Revision,
            Related = string.Join(", ", d.Related.Select(r => r.Slug)),
            Sections = d.Sections.Select(s => new SectionForm
            {
                Kind = s.Kind, Heading = s.Heading, Body = s.Body, Cites = string.Join(", ", s.Cites),
            }).ToList(),
            References = d.References.Select(r => new ReferenceForm
            {
                Id = r.Id, Authors = string.Join("; ", r.Authors), Title = r.Title, Journal = r.Journal, Publisher = r.Publisher,
                Year = r.Year?.ToString(CultureInfo.InvariantCulture), Volume = r.Volume, Issue = r.Issue, Pages = r.Pages,
                Doi = r.Doi, PubmedId = r.PubmedId, Url = r.Url, Accessed = r.Accessed?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            }).ToList(),
        };
    }

    public ArticleInput ToInput() => new ArticleInput(
        Slug.Trim(),
        Topic.Trim(),
        Tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        string.IsNullOrWhiteSpace(Locale) ? null : Locale.Trim(),
        Title,
        Summary,
        Disclaimer,
        Sections.Select(s => new SectionInput(s.Kind, s.Heading ?? "", s.Body, Numbers(s.Cites))).ToList(),
        References.Select(r => r.ToInput()).ToList(),
        string.IsNullOrWhiteSpace(ChangeNote) ? null : ChangeNote.Trim())
    {
        Related = Related.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(r => new Trust.RelatedSlug(r)).ToList(),
    };

    /// <summary>Applies a structural button (add, remove, move); false for save.</summary>
    public bool ApplyLayoutOp()
    {
        var (name, index) = Parse(Op);
        switch (name)
        {
            case "add-section":
                var next = SectionKinds.All.FirstOrDefault(k => Sections.All(s => s.Kind != k)) ?? SectionKinds.Overview;
                Sections.Add(new SectionForm { Kind = next });
                return true;
            case "add-reference":
                References.Add(new ReferenceForm());
                return true;
            case "remove" when index < Sections.Count:
                Sections.RemoveAt(index);
                return true;
            case "remove-reference" when index < References.Count:
                References.RemoveAt(index);
                return true;
            case "up" when index > 0 && index < Sections.Count:
                (Sections[index - 1], Sections[index]) = (Sections[index], Sections[index - 1]);
                return true;
            case "down" when index + 1 < Sections.Count:
                (Sections[index + 1], Sections[index]) = (Sections[index], Sections[index + 1]);
                return true;
            default:
                return false;
        }
    }

    private static (string Name, int Index) Parse(string? op)
    {
        var parts = (op ?? "save").Split(':', 2);
        return (parts[0], parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1);
    }

    private static List<int>? Numbers(string? text)
    {
        var numbers = new List<int>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            numbers.Add(int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0);
        }

        return numbers;
    }

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public sealed class SectionForm
{
    public string Kind { get; set; } = SectionKinds.Overview;
    public string? Heading { get; set; }
    public string? Body { get; set; }
    public string? Cites { get; set; }
}

public sealed class ReferenceForm
{
    public string? Id { get; set; }

    /// <summary>Authors separated by semicolons.</summary>
    public string? Authors { get; set; }
    public string? Title { get; set; }
    public string? Journal { get; set; }
    public string? Publisher { get; set; }
    public string? Year { get; set; }
    public string? Volume { get; set; }
    public string? Issue { get; set; }
    public string? Pages { get; set; }
    public string? Doi { get; set; }
    public string? PubmedId { get; set; }
    public string? Url { get; set; }
    public string? Accessed { get; set; }

    /// <summary>As the API takes it; a year or date that does not parse is sent as 0 / left out, so the API's rule names it.</summary>
    public ReferenceInput ToInput() => new(
        EditorForm.Blank(Id),
        (Authors ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        Title ?? "",
        EditorForm.Blank(Journal),
        EditorForm.Blank(Publisher),
        string.IsNullOrWhiteSpace(Year) ? null : int.TryParse(Year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : 0,
        EditorForm.Blank(Volume),
        EditorForm.Blank(Issue),
        EditorForm.Blank(Pages),
        EditorForm.Blank(Doi),
        EditorForm.Blank(PubmedId),
        EditorForm.Blank(Url),
        DateOnly.TryParseExact(Accessed ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null);
}
