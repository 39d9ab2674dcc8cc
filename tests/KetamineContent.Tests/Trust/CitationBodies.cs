namespace KetamineContent.Tests.Trust;

/// <summary>Article bodies with references of each kind (journal article, book, web page) and [^id] citations.</summary>
public static class CitationBodies
{
    public static readonly object Journal = new
    {
        id = "journal-ref",
        authors = new[] { "Alpha AB", "Beta B", "Gamma C", "Delta D", "Epsilon E", "Zeta Z", "Eta E" },
        title = "A trial of examples",
        journal = "J Examples",
        year = 2019,
        volume = "12",
        issue = "3",
        pages = "45-67",
        doi = "10.1000/xyz123",
        pubmedId = "12345",
    };

    public static readonly object Book = new
    {
        id = "book-ref",
        authors = new[] { "One A", "Two B", "Three C", "Four D", "Five E", "Six F" },
        title = "Handbook of examples",
        publisher = "Example Press",
        year = 2020,
        doi = "10.1000/book.1",
    };

    public static readonly object Web = new
    {
        id = "web-ref",
        authors = new[] { "Example Organisation" },
        title = "Examples online",
        publisher = "Example Organisation",
        url = "https://example.org/examples",
        accessed = "2026-11-01",
    };

    public static object Article(string slug, string mechanism = "First claim.[^web-ref] Second claim.[^book-ref]",
        string whatToExpect = "Third claim.[^journal-ref] Again.[^web-ref]", object[]? references = null) => new
        {
            slug,
            topic = "depression",
            tags = new[] { "ketamine" },
            locale = "en",
            title = "Cited article",
            summary = "An article with citations.",
            disclaimer = "Educational information, not medical advice.",
            sections = new object[]
            {
                new { kind = "mechanism", heading = "How it works", body = mechanism },
                new { kind = "what_to_expect", heading = "What to expect", body = whatToExpect },
                new { kind = "side_effects", heading = "Side effects", body = "Nausea can follow a session." },
            },
            references = references ?? [Journal, Book, Web],
        };
}
